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
