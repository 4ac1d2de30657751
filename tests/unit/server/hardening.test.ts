// Principle 14 and the order-route rules of principle 12 on one PGlite memory:// database: security
// headers, HSTS and Secure cookies only over HTTPS, the cookie CSRF checks, /metrics credentials,
// device_mismatch, kitchen may not mark paid, revocation closes a live event stream, and no secret
// reaches the logs.

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import type { PairResponse } from '../../../protocol/pairing.ts';
import { buildApp } from '../../../server/app.ts';
import { offerOwnerPairing } from '../../../server/owner-bootstrap.ts';
import { createPairingCode, pair, pairDevice, revoke } from './device-fixtures.ts';
import {
  TEST_ADMIN_TOKEN,
  createBody,
  createBodyFor,
  memoryApp,
  postOrder,
  uuidv7,
  type TestApp,
} from './order-fixtures.ts';
import { connectSse } from './sse-client.ts';

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';" +
  "object-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'self'";
const METRICS_TOKEN = 'orderline-test-metrics-token-0123456789';

let t: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  t = await memoryApp({
    metricsToken: METRICS_TOKEN,
    logger: { level: 'debug', stream: logStream },
    allowedHosts: ['localhost', '127.0.0.1', 'shop.local'],
  });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

function errorCode(res: { json: <T>() => T }): string {
  return res.json<ApiError>().error.code;
}

function orderRequest(body: object, headers: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/orders',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': (body as { id: string }).id,
      ...headers,
    },
    payload: JSON.stringify(body),
  });
}

describe('security headers', () => {
  it('every response carries the exact CSP, nosniff and no-referrer, and no HSTS over HTTP', async () => {
    for (const url of ['/api/setup', '/api/nope', '/', '/api/orders']) {
      const res = await t.app.inject({ url });
      expect([url, res.headers['content-security-policy']]).toEqual([url, CSP]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('over HTTPS (a trusted proxy says so) adds HSTS and pairs with a Secure cookie', async () => {
    const behindProxy = await buildApp({
      store: t.store,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
      adminToken: TEST_ADMIN_TOKEN,
      trustProxy: 1,
    });
    try {
      const https = { 'x-forwarded-proto': 'https' };
      const setup = await behindProxy.inject({ url: '/api/setup', headers: https });
      expect(setup.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      const code = await createPairingCode(behindProxy, 'counter');
      const res = await behindProxy.inject({
        method: 'POST',
        url: '/api/pair',
        headers: https,
        payload: { code, name: 'Till' },
      });
      expect(res.statusCode).toBe(201);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
    } finally {
      await behindProxy.close();
    }
  });
});

describe('writes authenticated by the cookie', () => {
  it('need application/json and, when an Origin is sent, our own origin; bearer writes are not checked', async () => {
    const device = await pairDevice(t.app, 'counter');
    const cookie = { cookie: `orderline_device=${device.token}`, host: 'shop.local:8080' };
    const own = await orderRequest(createBodyFor(device), {
      ...cookie,
      origin: 'http://shop.local:8080',
    });
    expect(own.statusCode).toBe(201);
    const noOrigin = await orderRequest(createBodyFor(device), cookie);
    expect(noOrigin.statusCode).toBe(201);
    for (const origin of [
      'http://evil.example',
      'https://shop.local:8080',
      'http://shop.local:8081',
      'null',
    ]) {
      const res = await orderRequest(createBodyFor(device), { ...cookie, origin });
      expect([origin, res.statusCode, errorCode(res)]).toEqual([origin, 403, 'bad_origin']);
    }
    const body = createBodyFor(device);
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...cookie, 'content-type': 'text/plain', 'idempotency-key': body.id },
      payload: JSON.stringify(body),
    });
    expect([form.statusCode, errorCode(form)]).toEqual([403, 'bad_origin']);
    const bearer = await orderRequest(createBodyFor(device), {
      ...device.auth,
      origin: 'http://evil.example',
    });
    expect(bearer.statusCode).toBe(201);
  });

  it('a cookie read renews the cookie when last-seen is refreshed', async () => {
    const device = await pairDevice(t.app, 'counter');
    // Pairing counted as seen just now; a fresh app instance has no record of the touch.
    const other = await buildApp({
      store: t.store,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
    });
    try {
      const res = await other.inject({ url: '/api/me', cookies: { orderline_device: device.token } });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain('Max-Age=34560000');
      const again = await other.inject({ url: '/api/me', cookies: { orderline_device: device.token } });
      expect(again.headers['set-cookie']).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe('order rules', () => {
  it('a device may create only its own orders (403 device_mismatch); the admin token may create any', async () => {
    const device = await pairDevice(t.app, 'counter');
    const other = await pairDevice(t.app, 'counter');
    const mismatch = await orderRequest(createBody({ deviceId: other.id }), device.auth);
    expect([mismatch.statusCode, errorCode(mismatch)]).toEqual([403, 'device_mismatch']);
    expect((await orderRequest(createBodyFor(device), device.auth)).statusCode).toBe(201);
    expect((await postOrder(t.app, createBody({ deviceId: other.id }))).statusCode).toBe(201);
  });

  it('a device may use only its own ticket code (422 wrong_ticket_code, nothing stored); the admin token any (issue 26)', async () => {
    const device = await pairDevice(t.app, 'counter');
    const other = await pairDevice(t.app, 'counter');
    expect(device.code).not.toBe(other.code);
    for (const number of [`${other.code}-001`, `X${device.code}-001`]) {
      const body = createBodyFor(device, { number });
      const res = await orderRequest(body, device.auth);
      expect([res.statusCode, errorCode(res)], number).toEqual([422, 'wrong_ticket_code']);
      expect(await t.store.get(body.id)).toBeNull();
    }
    expect((await orderRequest(createBodyFor(device), device.auth)).statusCode).toBe(201);
    expect((await postOrder(t.app, createBodyFor(device, { number: `${other.code}-002` }))).statusCode).toBe(
      201,
    );
  });

  it('a kitchen device moves status but may not mark an order paid', async () => {
    const order = (await postOrder(t.app, createBody())).json<Order>();
    const kitchen = await pairDevice(t.app, 'kitchen');
    const patch = (body: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/orders/${order.id}`,
        headers: { ...kitchen.auth, 'content-type': 'application/json', 'idempotency-key': uuidv7() },
        payload: JSON.stringify(body),
      });
    const paid = await patch({ paid: true });
    expect([paid.statusCode, errorCode(paid)]).toEqual([403, 'forbidden']);
    const moved = await patch({ status: 'preparing' });
    expect([moved.statusCode, moved.json<Order>().status, moved.json<Order>().paid]).toEqual([
      200,
      'preparing',
      false,
    ]);
  });
});

describe('/metrics', () => {
  it('needs the owner credential or the metrics token, and counts pairings and revocations', async () => {
    const counter = await pairDevice(t.app, 'counter');
    await revoke(t.app, counter.id);
    const owner = await pairDevice(t.app, 'owner');
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/metrics', headers: (await pairDevice(t.app, 'display')).auth }))
        .statusCode,
    ).toBe(403);
    // The metrics token opens /metrics only.
    const token = { authorization: `Bearer ${METRICS_TOKEN}` };
    expect((await t.app.inject({ url: '/api/devices', headers: token })).statusCode).toBe(401);
    const res = await t.app.inject({ url: '/metrics', headers: token });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/orderline_pairings_total\{result="paired"\} [1-9]/);
    expect(res.body).toMatch(/orderline_device_changes_total\{change="revoked"\} [1-9]/);
    expect((await t.app.inject({ url: '/metrics', headers: owner.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('throttles a flood of made-up credentials before looking them up (429, not 401)', async () => {
    const limited = await buildApp({
      store: t.store,
      distDir: '/nonexistent-orderline-dist',
      rateLimit: { max: 2, timeWindowMs: 60_000 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.inject({ url: '/api/me', headers: { authorization: `Bearer guess-${i}` } });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('refuses to start with an admin token shorter than 32 characters', async () => {
    await expect(buildApp({ store: t.store, adminToken: 'short-token' })).rejects.toThrow(
      /at least 32 characters/,
    );
  });
});

describe('metrics token', () => {
  it('refuses to start with a metrics token shorter than 32 characters (issue 26)', async () => {
    for (const metricsToken of ['', 'x', 'metrics-token-31-characters-xxx']) {
      await expect(
        buildApp({ store: t.store, adminToken: TEST_ADMIN_TOKEN, metricsToken }),
        metricsToken,
      ).rejects.toThrow(/ORDERLINE_METRICS_TOKEN must be at least 32 characters/);
    }
  });
});

describe('revocation', () => {
  it("closes the device's open event stream", async () => {
    const device = await pairDevice(t.app, 'display');
    const bystander = await pairDevice(t.app, 'display');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await connectSse(`${address}/api/events`, device.auth);
    const other = await connectSse(`${address}/api/events`, bystander.auth);
    try {
      await stream.waitFor((event) => event.retry === 1000);
      await other.waitFor((event) => event.retry === 1000);
      const closed = new Promise<void>((resolve) => stream.response.once('close', resolve));
      await revoke(t.app, device.id);
      await closed;
      expect(t.app.sseHub.deviceIds()).toEqual([bystander.id]);
      const again = await fetch(`${address}/api/events`, { headers: device.auth });
      expect(again.status).toBe(401);
    } finally {
      stream.close();
      other.close();
    }
  });
});

describe('first start', () => {
  it('offers a one-time owner pairing address only while no owner device exists and no admin token is set', async () => {
    const base = 'http://localhost:8080';
    expect(
      await offerOwnerPairing(t.app.deviceStore, { adminToken: TEST_ADMIN_TOKEN, baseUrl: base }),
    ).toBeNull();
    // Earlier tests paired owners; revoke them all to be back at a first start.
    const devices = await t.app.deviceStore.list();
    for (const device of devices) if (device.role === 'owner') await t.app.deviceStore.revoke(device.id);
    const offer = await offerOwnerPairing(t.app.deviceStore, { adminToken: undefined, baseUrl: base });
    expect(offer?.pairUrl).toMatch(/^http:\/\/localhost:8080\/pair\?code=[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const code = new URL(offer!.pairUrl).searchParams.get('code')!;
    const res = await pair(t.app, { code, name: 'Owner phone' });
    expect(res.json<PairResponse>().device.role).toBe('owner');
    expect(await offerOwnerPairing(t.app.deviceStore, { adminToken: undefined, baseUrl: base })).toBeNull();
  });

  it('an owner code from an earlier start stops working once an owner exists (issue 26)', async () => {
    const base = 'http://localhost:8080';
    for (const device of await t.app.deviceStore.list()) {
      if (device.role === 'owner') await t.app.deviceStore.revoke(device.id);
    }
    // Two starts before anyone paired: both printed a code, both are in the log.
    const earlier = await offerOwnerPairing(t.app.deviceStore, { adminToken: undefined, baseUrl: base });
    const latest = await offerOwnerPairing(t.app.deviceStore, { adminToken: undefined, baseUrl: base });
    const codeOf = (url: string) => new URL(url).searchParams.get('code')!;
    expect((await pair(t.app, { code: codeOf(latest!.pairUrl), name: 'Owner' })).statusCode).toBe(201);
    const late = await pair(t.app, { code: codeOf(earlier!.pairUrl), name: 'Log reader' }, '192.168.1.77');
    expect(late.statusCode).toBe(400);
    expect(late.json<ApiError>().error.code).toBe('invalid_pairing_code');
    const owners = (await t.app.deviceStore.list()).filter((d) => d.role === 'owner' && d.revokedAt === null);
    expect(owners.map((d) => d.name)).toEqual(['Owner']);
  });
});

describe('logs', () => {
  it('never contain a credential, a pairing code or a cookie', async () => {
    const code = await createPairingCode(t.app, 'counter');
    const res = await pair(t.app, { code: code.toLowerCase() });
    const token = res.json<PairResponse>().token;
    await t.app.inject({ url: '/api/me', cookies: { orderline_device: token } });
    await t.app.inject({ url: `/pair?code=${code}` });
    await t.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    const log = logLines.join('');
    expect(log).toContain('device paired');
    expect(log).toContain('device revoked');
    for (const secret of [
      token,
      code,
      code.replace('-', ''),
      code.toLowerCase(),
      TEST_ADMIN_TOKEN,
      METRICS_TOKEN,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
