// Pairs devices through the real routes (owner code, then POST /api/pair) for the auth tests.

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { PairResponse, PairingResponse } from '../../../protocol/pairing.ts';
import type { Role } from '../../../protocol/roles.ts';
import { OWNER_AUTH } from './order-fixtures.ts';

export interface PairedDevice {
  id: string;
  code: string;
  role: Role;
  token: string;
  /** `Authorization: Bearer <token>`. */
  auth: { authorization: string };
  /** The Set-Cookie header the pairing answered with. */
  setCookie: string;
}

export async function createPairingCode(app: FastifyInstance, role: Role, name?: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/pairings',
    headers: OWNER_AUTH,
    payload: name === undefined ? { role } : { role, name },
  });
  expect(res.statusCode).toBe(201);
  return res.json<PairingResponse>().code;
}

export function pair(
  app: FastifyInstance,
  body: { code: string; name?: string; deviceId?: string },
  remoteAddress = '127.0.0.1',
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/pair',
    remoteAddress,
    headers,
    payload: { name: 'Till', ...body },
  });
}

/** `headers`: e.g. the revoked device's old credential, which a browser re-pairing still sends. */
export async function pairDevice(
  app: FastifyInstance,
  role: Role,
  extra: { deviceId?: string; name?: string } = {},
  headers: Record<string, string> = {},
): Promise<PairedDevice> {
  const code = await createPairingCode(app, role);
  const res = await pair(app, { code, ...extra }, '127.0.0.1', headers);
  expect(res.statusCode).toBe(201);
  const body = res.json<PairResponse>();
  return {
    id: body.device.id,
    code: body.device.code,
    role: body.device.role,
    token: body.token,
    auth: { authorization: `Bearer ${body.token}` },
    setCookie: String(res.headers['set-cookie']),
  };
}

export async function revoke(app: FastifyInstance, id: string): Promise<void> {
  const res = await app.inject({ method: 'DELETE', url: `/api/devices/${id}`, headers: OWNER_AUTH });
  expect(res.statusCode).toBe(204);
}
