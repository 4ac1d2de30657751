// Pairing (DESIGN.md "HTTP API, part 2"): what the pairing screen needs (GET /api/setup), one-time
// codes made by the owner (POST /api/pairings), and a new device trading a code for its credential
// (POST /api/pair). Codes and credentials are never logged.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import {
  CreatePairingBodySchema,
  PairBodySchema,
  formatPairingCode,
  normalizePairingCode,
  type PairResponse,
  type PairingResponse,
  type SetupResponse,
} from '../../protocol/pairing.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import { sendError } from '../api-error.ts';
import { readCredential } from '../auth/auth-plugin.ts';
import { hashSecret } from '../auth/credentials.ts';
import { setDeviceCookie } from '../auth/device-cookie.ts';
import type { PairingAttempts } from '../auth/pairing-attempts.ts';
import type { Metrics } from '../metrics.ts';
import type { DeviceStore } from '../store/device-store.ts';
import { toIdentity } from './device-views.ts';

/** What the TLS setup knows (filled in by the TLS work; null fields until then). */
export interface SetupInfo {
  httpsUrl: string | null;
  caFingerprint: string | null;
}

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

export interface PairingRoutesOptions {
  devices: DeviceStore;
  metrics: Metrics;
  attempts: PairingAttempts;
  /** Given the request's host name, so the address offered is one the asking device can reach. */
  setupInfo: (requestHostname?: string) => SetupInfo;
}

/** The hash of the (revoked) credential the browser still sends: its proof that a revoked id is its own. */
function presentedCredentialHash(request: FastifyRequest): string | undefined {
  const credential = readCredential(request);
  return credential ? hashSecret(credential.token) : undefined;
}

const INVALID_CODE = 'this pairing code is wrong, used or expired; ask the owner for a new one';

/**
 * The code is for another device: made on the server machine itself (`localhost`, loopback), its address must
 * be the LAN one (undefined → the endpoint's main address), never `https://localhost`, which a tablet cannot open.
 */
function hostForAnotherDevice(hostname: string): string | undefined {
  const bare = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || bare.startsWith('127.') ? undefined : hostname;
}

export async function pairingRoutes(app: FastifyInstance, options: PairingRoutesOptions) {
  const { devices, metrics, attempts, setupInfo } = options;

  app.get('/api/setup', { config: { access: ACCESS.public } }, async (request) => {
    const info = setupInfo(request.hostname);
    const response: SetupResponse = {
      paired: request.device !== null,
      httpsUrl: info.httpsUrl,
      caFingerprint: info.caFingerprint,
      ownerExists: await devices.ownerExists(),
    };
    return response;
  });

  app.post('/api/pairings', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const body = v.safeParse(CreatePairingBodySchema, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
    const { code, expiresAt } = await devices.createPairingCode({
      ...body.output,
      ttlMs: PAIRING_CODE_TTL_MS,
    });
    metrics.pairings.inc({ result: 'code_created' });
    request.log.info({ role: body.output.role, expiresAt, by: request.device?.id }, 'pairing code created');
    const shown = formatPairingCode(code);
    const base =
      setupInfo(hostForAnotherDevice(request.hostname)).httpsUrl ?? `${request.protocol}://${request.host}`;
    const response: PairingResponse = {
      code: shown,
      expiresAt,
      pairUrl: `${base.replace(/\/$/, '')}/pair?code=${shown}`,
    };
    return reply.code(201).send(response);
  });

  app.post('/api/pair', { config: { access: ACCESS.public } }, async (request, reply) => {
    const client = request.ip;
    if (attempts.blocked(client)) {
      metrics.pairings.inc({ result: 'rate_limited' });
      return sendError(reply, 429, 'rate_limited', 'too many failed pairing attempts; wait a minute');
    }
    const body = v.safeParse(PairBodySchema, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
    if (!attempts.begin(client)) {
      metrics.pairings.inc({ result: 'rate_limited' });
      return sendError(reply, 429, 'rate_limited', 'too many failed pairing attempts; wait a minute');
    }
    const code = normalizePairingCode(body.output.code);
    const result = code
      ? await devices.pair({
          code,
          name: body.output.name,
          deviceId: body.output.deviceId,
          credentialHash: presentedCredentialHash(request),
        })
      : ({ kind: 'invalid_code' } as const);
    // begin() counted a failure; a right code takes it back.
    if (result.kind !== 'invalid_code') attempts.succeeded(client);
    switch (result.kind) {
      case 'invalid_code':
        metrics.pairings.inc({ result: 'invalid_code' });
        request.log.warn({ client }, 'pairing attempt with an invalid code');
        return sendError(reply, 400, 'invalid_pairing_code', INVALID_CODE);
      case 'codes_exhausted':
        metrics.pairings.inc({ result: 'codes_exhausted' });
        request.log.error('pairing refused: every ticket code is taken');
        return sendError(
          reply,
          409,
          'device_codes_exhausted',
          'every ticket code is in use; revoke devices that are gone (their codes free up 30 days later)',
        );
      case 'paired': {
        metrics.pairings.inc({ result: result.repaired ? 'repaired' : 'paired' });
        request.log.info(
          { deviceId: result.device.id, role: result.device.role, repaired: result.repaired },
          'device paired',
        );
        setDeviceCookie(request, reply, result.token);
        const response: PairResponse = { device: toIdentity(result.device), token: result.token };
        return reply.code(201).send(response);
      }
    }
  });
}
