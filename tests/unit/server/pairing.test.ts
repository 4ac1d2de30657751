// Pairing and device credentials through the real routes on one PGlite memory:// database: one-time
// codes (single use, expiry on an injected clock, one answer for every bad code, rate limit),
// re-pairing, ticket codes, credentials hashed at rest, revocation and role changes at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import type {
  DeviceListEntry,
  DevicesResponse,
  PairResponse,
  PairingResponse,
} from '../../../protocol/pairing.ts';
import { buildApp } from '../../../server/app.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, memoryApp, type TestApp } from './order-fixtures.ts';
import { createPairingCode, pair, pairDevice, revoke } from './device-fixtures.ts';
import { listeningMemoryApp } from './listening-app.ts';
import { connectSse } from './sse-client.ts';

let t: TestApp;
let nowMs = Date.parse('2026-12-01T08:00:00.000Z');
const now = () => new Date(nowMs);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeAll(async () => {
  t = await memoryApp({ now, allowedHosts: ['localhost', '127.0.0.1', 'shop.local'] });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

function errorOf(res: { json: <T>() => T }): ApiError['error'] {
  return res.json<ApiError>().error;
}

async function listed(id: string): Promise<DeviceListEntry | undefined> {
  const res = await t.app.inject({ url: '/api/devices', headers: OWNER_AUTH });
  return res.json<DevicesResponse>().devices.find((device) => device.id === id);
}

describe('GET /api/setup', () => {
  it('tells the pairing screen whether this device is paired, whether an owner exists, and the TLS details', async () => {
    const none = await t.app.inject({ url: '/api/setup' });
    expect(none.json()).toEqual({ paired: false, httpsUrl: null, caFingerprint: null, ownerExists: false });
    const owner = await pairDevice(t.app, 'owner');
    const paired = await t.app.inject({ url: '/api/setup', cookies: { orderline_device: owner.token } });
    expect(paired.json()).toMatchObject({ paired: true, ownerExists: true });
    const withTls = await buildApp({
      store: t.store,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
      setupInfo: () => ({ httpsUrl: 'https://shop.local:8443', caFingerprint: 'AB:CD' }),
    });
    try {
      const res = await withTls.inject({ url: '/api/setup', headers: { authorization: 'Bearer unknown' } });
      expect(res.json()).toEqual({
        paired: false,
        httpsUrl: 'https://shop.local:8443',
        caFingerprint: 'AB:CD',
        ownerExists: true,
      });
    } finally {
      await withTls.close();
    }
  });
});

describe('POST /api/pairings', () => {
  it('gives the owner an ABCD-EFGH Crockford code valid 10 minutes and its pairing address', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/pairings',
      headers: { ...OWNER_AUTH, host: 'shop.local:8080' },
      payload: { role: 'kitchen', name: 'Grill' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<PairingResponse>();
    expect(body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(body.expiresAt).toBe(new Date(nowMs + 10 * MINUTE).toISOString());
    expect(body.pairUrl).toBe(`http://shop.local:8080/pair?code=${body.code}`);
  });

  it('refuses an unknown role with 400 invalid_body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/pairings',
      headers: OWNER_AUTH,
      payload: { role: 'root' },
    });
    expect([res.statusCode, errorOf(res).code]).toEqual([400, 'invalid_body']);
  });
});

describe('POST /api/pair', () => {
  it('trades a code for a device, a credential and its cookie; /api/me knows it by either', async () => {
    const code = await createPairingCode(t.app, 'counter', 'Front till');
    const res = await pair(t.app, { code, name: 'ignored when the owner named it' });
    expect(res.statusCode).toBe(201);
    const body = res.json<PairResponse>();
    expect(body.device).toMatchObject({ name: 'Front till', role: 'counter' });
    expect(body.device.code).toMatch(/^[A-Z]{1,3}$/);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const me = await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.json()).toEqual(body.device);
    const byCookie = await t.app.inject({ url: '/api/me', cookies: { orderline_device: body.token } });
    expect(byCookie.json()).toEqual(body.device);
  });

  it('accepts the code without its hyphen and in any case', async () => {
    const code = await createPairingCode(t.app, 'display');
    const res = await pair(t.app, { code: code.replace('-', '').toLowerCase(), name: 'Board' });
    expect(res.statusCode).toBe(201);
  });

  it('answers wrong, used and expired codes with one identical 400 invalid_pairing_code', async () => {
    const used = await createPairingCode(t.app, 'counter');
    expect((await pair(t.app, { code: used }, '10.0.0.1')).statusCode).toBe(201);
    // Used again while it would still be valid: single use, not just expiry.
    const usedAgain = await pair(t.app, { code: used }, '10.0.0.1');
    const expired = await createPairingCode(t.app, 'counter');
    nowMs += 10 * MINUTE;
    const answers = [
      usedAgain,
      ...(await Promise.all(
        [expired, 'ZZZZ-ZZZZ', 'not a code'].map((code) => pair(t.app, { code }, '10.0.0.1')),
      )),
    ];
    for (const res of answers) expect(res.statusCode).toBe(400);
    const bodies = new Set(answers.map((res) => res.body));
    expect(bodies.size).toBe(1);
    expect(errorOf(answers[0]!).code).toBe('invalid_pairing_code');
  });

  it('a code is good until its last millisecond', async () => {
    const code = await createPairingCode(t.app, 'counter');
    nowMs += 10 * MINUTE - 1;
    expect((await pair(t.app, { code }, '10.0.0.2')).statusCode).toBe(201);
  });

  it('after 10 failures in a minute a client gets 429, other clients do not, and a minute later it may try again', async () => {
    const good = await createPairingCode(t.app, 'counter');
    for (let i = 0; i < 10; i++) {
      const res = await pair(t.app, { code: 'ZZZZ-ZZZZ' }, '10.0.9.9');
      expect([i, res.statusCode]).toEqual([i, 400]);
    }
    const blocked = await pair(t.app, { code: good }, '10.0.9.9');
    expect([blocked.statusCode, errorOf(blocked).code]).toEqual([429, 'rate_limited']);
    expect((await pair(t.app, { code: 'ZZZZ-ZZZZ' }, '10.0.9.10')).statusCode).toBe(400);
    nowMs += MINUTE;
    expect((await pair(t.app, { code: good }, '10.0.9.9')).statusCode).toBe(201);
  });

  it('a revoked device re-pairing with its id and its old credential gets the same id and ticket code back', async () => {
    const first = await pairDevice(t.app, 'counter');
    await revoke(t.app, first.id);
    const again = await pairDevice(t.app, 'kitchen', { deviceId: first.id }, first.auth);
    expect([again.id, again.code, again.role]).toEqual([first.id, first.code, 'kitchen']);
    expect((await t.app.inject({ url: '/api/me', headers: first.auth })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: again.auth })).statusCode).toBe(200);
    expect((await listed(first.id))?.revoked).toBe(false);
  });

  it("a revoked device's id alone (or with another credential) takes over nothing: a new id and code (issue 26)", async () => {
    const victim = await pairDevice(t.app, 'counter');
    const bystander = await pairDevice(t.app, 'counter');
    await revoke(t.app, victim.id);
    const cookie = { cookie: `orderline_device=${bystander.token}` };
    for (const headers of [{}, bystander.auth, cookie, { authorization: 'Bearer nonsense' }]) {
      const thief = await pairDevice(t.app, 'counter', { deviceId: victim.id }, headers);
      expect(thief.id).not.toBe(victim.id);
      expect(thief.code).not.toBe(victim.code);
    }
    expect((await listed(victim.id))?.revoked).toBe(true);
  });

  it('never hands out the id of a device that is not revoked', async () => {
    const live = await pairDevice(t.app, 'counter');
    const other = await pairDevice(t.app, 'counter', { deviceId: live.id });
    expect(other.id).not.toBe(live.id);
    expect(other.code).not.toBe(live.code);
    expect((await t.app.inject({ url: '/api/me', headers: live.auth })).statusCode).toBe(200);
  });

  it('sets the cookie HttpOnly, SameSite=Strict, Path=/, 400 days, without Secure over HTTP', async () => {
    const device = await pairDevice(t.app, 'counter');
    const cookie = device.setCookie;
    expect(cookie).toContain(`orderline_device=${device.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${400 * 24 * 60 * 60}`);
    expect(cookie).not.toContain('Secure');
  });
});

describe('ticket codes', () => {
  it('when all are taken, a code revoked over 30 days ago is reused; otherwise pairing is a 409', async () => {
    const gone = await pairDevice(t.app, 'counter');
    await revoke(t.app, gone.id);
    const full = await buildApp({
      store: t.store,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
      adminToken: TEST_ADMIN_TOKEN,
      now,
      deviceStore: { maxOrdinal: 1 },
    });
    try {
      nowMs += 29 * DAY;
      const code = await createPairingCode(full, 'counter');
      const refused = await pair(full, { code }, '10.1.0.1');
      expect([refused.statusCode, errorOf(refused).code]).toEqual([409, 'device_codes_exhausted']);
      nowMs += 2 * DAY;
      const reused = await pairDevice(full, 'counter');
      const donor = (await full.inject({ url: '/api/devices', headers: OWNER_AUTH }))
        .json<DevicesResponse>()
        .devices.filter((device) => device.revoked && device.code === '');
      expect(donor).toHaveLength(1);
      expect(reused.code).toMatch(/^[A-Z]{1,3}$/);
      const codes = (await full.inject({ url: '/api/devices', headers: OWNER_AUTH }))
        .json<DevicesResponse>()
        .devices.map((device) => device.code)
        .filter((c) => c !== '');
      expect(new Set(codes).size).toBe(codes.length);
    } finally {
      await full.close();
    }
  });
});

describe('owner device management', () => {
  it('lists devices without secrets, renames, changes a role at once, and revokes with 204', async () => {
    const device = await pairDevice(t.app, 'counter', { name: 'Till 7' });
    const entry = await listed(device.id);
    expect(entry).toMatchObject({
      id: device.id,
      name: 'Till 7',
      role: 'counter',
      code: device.code,
      revoked: false,
    });
    expect(Object.keys(entry!).sort()).toEqual([
      'code',
      'connected',
      'id',
      'lastSeenAt',
      'name',
      'pairedAt',
      'revoked',
      'role',
    ]);
    // Served from the credential cache now; the role change must not wait for it.
    expect((await t.app.inject({ url: '/api/me', headers: device.auth })).json()).toMatchObject({
      role: 'counter',
    });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/devices/${device.id}`,
      headers: OWNER_AUTH,
      payload: { role: 'display', name: 'Board 2' },
    });
    expect(patched.json()).toMatchObject({ id: device.id, role: 'display', name: 'Board 2' });
    expect((await t.app.inject({ url: '/api/me', headers: device.auth })).json()).toMatchObject({
      role: 'display',
    });
    await revoke(t.app, device.id);
    const after = await t.app.inject({ url: '/api/me', headers: device.auth });
    expect([after.statusCode, errorOf(after).code]).toEqual([401, 'unauthenticated']);
    expect((await listed(device.id))?.revoked).toBe(true);
  });

  it('answers 404 for an unknown device and 400 for a bad body', async () => {
    const unknown = '0192d2a4-6c1e-7000-8000-0000000000ff';
    for (const res of [
      await t.app.inject({ method: 'DELETE', url: `/api/devices/${unknown}`, headers: OWNER_AUTH }),
      await t.app.inject({
        method: 'PATCH',
        url: `/api/devices/${unknown}`,
        headers: OWNER_AUTH,
        payload: {},
      }),
      await t.app.inject({ method: 'DELETE', url: '/api/devices/not-a-uuid', headers: OWNER_AUTH }),
    ]) {
      expect([res.statusCode, errorOf(res).code]).toEqual([404, 'not_found']);
    }
    const device = await pairDevice(t.app, 'counter');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/devices/${device.id}`,
      headers: OWNER_AUTH,
      payload: { role: 'root' },
    });
    expect([bad.statusCode, errorOf(bad).code]).toEqual([400, 'invalid_body']);
  });

  it('records last seen at most once a minute per device', async () => {
    const device = await pairDevice(t.app, 'counter');
    nowMs += 2 * MINUTE;
    const first = new Date(nowMs).toISOString();
    await t.app.inject({ url: '/api/me', headers: device.auth });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await listed(device.id))?.lastSeenAt).toBe(first);
    nowMs += 30_000;
    await t.app.inject({ url: '/api/me', headers: device.auth });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await listed(device.id))?.lastSeenAt).toBe(first);
    nowMs += 30_000;
    await t.app.inject({ url: '/api/me', headers: device.auth });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await listed(device.id))?.lastSeenAt).toBe(new Date(nowMs).toISOString());
  });
});

describe('secrets at rest', () => {
  it('the database holds neither credentials nor pairing codes, only their SHA-256', async () => {
    const code = await createPairingCode(t.app, 'counter');
    const waiting = await createPairingCode(t.app, 'kitchen');
    const res = await pair(t.app, { code });
    const token = res.json<PairResponse>().token;
    const dump = JSON.stringify([
      await t.store.database.query('SELECT * FROM devices'),
      await t.store.database.query('SELECT * FROM pairing_codes'),
    ]);
    for (const secret of [token, code, code.replace('-', ''), waiting, waiting.replace('-', '')]) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).toMatch(/"token_hash":"[0-9a-f]{64}"/);
  });
});

describe('whether a device is connected now', () => {
  it('says connected while its event stream is open, and not after it closes', async () => {
    const live = await listeningMemoryApp();
    try {
      const kitchen = await pairDevice(live.app, 'kitchen', { name: 'Grill screen' });
      const connected = async () =>
        (await live.app.inject({ url: '/api/devices', headers: OWNER_AUTH }))
          .json<DevicesResponse>()
          .devices.find((device) => device.id === kitchen.id)?.connected;
      expect(await connected()).toBe(false);
      const stream = await connectSse(`${live.baseUrl}/api/events`, kitchen.auth);
      expect(await connected()).toBe(true);
      stream.close();
      await expect.poll(connected).toBe(false);
    } finally {
      await live.close();
    }
  });
});
