// Every route declares who may call it in its Fastify route config: `{ config: { access } }`. The auth
// hook (server/auth/) enforces it; a route under /api that declares nothing is treated as owner-only,
// so a forgotten declaration fails closed, and the route × role test lists every route.

import type { Access } from '../../protocol/roles.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route (protocol/roles.ts ACCESS). Missing on an /api route = owner only. */
    access?: Access;
  }
}

export type { Access };

/** The caller a request was authenticated as (set by the auth hook before any handler runs). */
export interface AuthenticatedDevice {
  /** The device id (UUID); for the admin token, a fixed id that is no paired device. */
  id: string;
  name: string;
  role: import('../../protocol/roles.ts').Role;
  /** Ticket-number prefix of this device ('' for the admin token). */
  code: string;
  /** True for ORDERLINE_ADMIN_TOKEN: owner rights, and exempt from device_mismatch. */
  admin: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** null on public routes called without a credential. */
    device: AuthenticatedDevice | null;
  }
}
