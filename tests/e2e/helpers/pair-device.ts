// Pairs test devices through the real API (DESIGN.md Part 2, principle 12), for e2e specs, the fault suite and
// the bench alike: the owner's bearer token (E2E_ADMIN_TOKEN) makes a one-time code, the device redeems it.
//
// API (stable):
//   OWNER_AUTH                                   headers authenticating as the owner (admin token)
//   pairContext(context, origin?, options?)      POST /api/pair from the context: the cookie lands in it
//   ensurePaired(context, origin?)               pairs as `counter` unless the context already has a cookie
//   pairOverHttp(baseUrl, options?)              a paired device for plain HTTP clients (bearer token)
//   revokeDevice(baseUrl, id)                    owner DELETE /api/devices/:id

import type { BrowserContext } from '@playwright/test';
import { DEVICE_COOKIE, type PairingResponse, type PairResponse } from '../../../protocol/pairing.ts';
import type { Role } from '../../../protocol/roles.ts';
import { E2E_ADMIN_TOKEN } from './server-process.ts';

export const OWNER_AUTH = { authorization: `Bearer ${E2E_ADMIN_TOKEN}` } as const;

export interface PairOptions {
  /** Default `counter`. */
  role?: Role;
  name?: string;
  /** The id a revoked device still holds: the server gives it back. */
  deviceId?: string;
}

/** An absolute URL for `path`, or `path` itself when the context's baseURL is to resolve it. */
function at(origin: string | undefined, path: string): string {
  return origin === undefined ? path : new URL(path, origin).href;
}

async function ok<T>(label: string, response: { ok(): boolean; status(): number; text(): Promise<string> }) {
  const text = await response.text();
  if (!response.ok()) throw new Error(`${label} → HTTP ${response.status()}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/**
 * Pairs the browser context: the owner makes a code, then the context itself posts it, so the
 * `orderline_device` cookie is stored in the context (and sent by its pages and service worker).
 * `origin` defaults to the context's baseURL.
 */
export async function pairContext(
  context: BrowserContext,
  origin?: string,
  { role = 'counter', name = `${role} test device`, deviceId }: PairOptions = {},
): Promise<PairResponse> {
  const pairing = await ok<PairingResponse>(
    'POST /api/pairings',
    await context.request.post(at(origin, '/api/pairings'), { headers: OWNER_AUTH, data: { role } }),
  );
  return ok<PairResponse>(
    'POST /api/pair',
    await context.request.post(at(origin, '/api/pair'), {
      data: { code: pairing.code, name, ...(deviceId === undefined ? {} : { deviceId }) },
    }),
  );
}

/** Pairs the context as a counter unless it already holds a device cookie (paired, or revoked on purpose). */
export async function ensurePaired(context: BrowserContext, origin?: string): Promise<void> {
  const cookies = await context.cookies();
  if (cookies.some((cookie) => cookie.name === DEVICE_COOKIE)) return;
  await pairContext(context, origin);
}

/** A paired device for a plain HTTP client (its token goes in `Authorization: Bearer`). */
export async function pairOverHttp(baseUrl: string, options: PairOptions = {}): Promise<PairResponse> {
  const { role = 'counter', name = `${role} http device`, deviceId } = options;
  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  const pairing = await post('/api/pairings', OWNER_AUTH, { role });
  if (!pairing.ok) throw new Error(`POST /api/pairings → ${pairing.status}: ${await pairing.text()}`);
  const { code } = (await pairing.json()) as PairingResponse;
  const paired = await post('/api/pair', {}, { code, name, ...(deviceId === undefined ? {} : { deviceId }) });
  if (!paired.ok) throw new Error(`POST /api/pair → ${paired.status}: ${await paired.text()}`);
  return (await paired.json()) as PairResponse;
}

/** The owner revokes a device: its credential stops at once (DELETE /api/devices/:id → 204). */
export async function revokeDevice(baseUrl: string, id: string): Promise<void> {
  const response = await fetch(new URL(`/api/devices/${id}`, baseUrl), {
    method: 'DELETE',
    headers: OWNER_AUTH,
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 204) throw new Error(`DELETE /api/devices/${id} → ${response.status}`);
}
