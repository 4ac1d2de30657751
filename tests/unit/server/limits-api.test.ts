// Limits that need no sockets (fastify.inject): the Host allowlist, TRUST_PROXY and the rate-limit
// bucket, text hygiene at the API, source maps never served, framework errors in the API shape, and
// overload shedding as an API-shaped 503 with Retry-After.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../../server/app.ts';
import { parseTrustProxy } from '../../../server/trust-proxy.ts';
import {
  createBody,
  memoryApp,
  OWNER_AUTH,
  postOrder,
  TEST_ADMIN_TOKEN,
  type TestApp,
} from './order-fixtures.ts';

let t: TestApp;
let distDir: string;
const extraApps: FastifyInstance[] = [];

beforeAll(async () => {
  t = await memoryApp({ allowedHosts: ['localhost', '127.0.0.1', '::1', 'shop.local', '192.168.1.20'] });
  distDir = await mkdtemp(join(tmpdir(), 'orderline-limits-dist-'));
  await mkdir(join(distDir, 'assets'));
  await writeFile(join(distDir, 'index.html'), '<!doctype html><title>Orderline</title>');
  await writeFile(join(distDir, 'assets', 'index-abc123.js'), 'console.log(1);');
  await writeFile(
    join(distDir, 'assets', 'index-abc123.js.map'),
    '{"version":3,"sources":["src/secret.ts"]}',
  );
}, 180_000);
afterAll(async () => {
  await Promise.all(extraApps.map((app) => app.close()));
  await t?.close();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

/** Another app over the same store (one PGlite per file), closed after the file. */
async function appWith(options: Partial<BuildAppOptions>): Promise<FastifyInstance> {
  const app = await buildApp({
    store: t.store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
    limits: { maxEventLoopDelayMs: 0 },
    ...options,
  });
  extraApps.push(app);
  return app;
}

describe('Host allowlist', () => {
  it('answers the allowed names on any port, IPv6 in brackets and *.localhost', async () => {
    for (const host of [
      'localhost',
      'localhost:8080',
      'SHOP.LOCAL:443',
      'shop.local.',
      '192.168.1.20:8443',
      '[::1]:8080',
      'till.localhost',
    ]) {
      const res = await t.app.inject({ url: '/healthz', headers: { host } });
      expect(res.statusCode, host).toBe(200);
    }
  });

  it('refuses any other Host with 421 misdirected in the API shape under /api', async () => {
    for (const host of [
      'evil.example',
      'evil.example:8080',
      'shop.local.evil.example',
      '10.0.0.9',
      '[::2]',
      'localhost:abc',
    ]) {
      const res = await t.app.inject({ url: '/api/orders?status=active', headers: { host, ...OWNER_AUTH } });
      expect(res.statusCode, host).toBe(421);
      expect(res.headers['x-orderline-api']).toBe('1');
      expect(res.json()).toEqual({ error: { code: 'misdirected', message: expect.any(String) } });
    }
  });

  it('refuses a rebound name before a write reaches the store', async () => {
    const body = createBody();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: {
        host: 'evil.example',
        'content-type': 'application/json',
        'idempotency-key': body.id,
        ...OWNER_AUTH,
      },
      payload: JSON.stringify(body),
    });
    expect(res.statusCode).toBe(421);
    expect(await t.store.get(body.id)).toBeNull();
  });

  it('refuses other hosts outside /api with a plain 421, and defaults to the localhost names', async () => {
    const app = await appWith({});
    expect((await app.inject({ url: '/healthz', headers: { host: 'localhost:1234' } })).statusCode).toBe(200);
    const res = await app.inject({ url: '/healthz', headers: { host: 'shop.local' } });
    expect(res.statusCode).toBe(421);
    expect(res.headers['x-orderline-api']).toBeUndefined();
  });
});

describe('TRUST_PROXY', () => {
  it('parses hop counts and address lists and refuses "trust everything"', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16,::1')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1']);
    for (const bad of ['true', '*', '0.0.0.0/0', '::/0', 'proxy.example', '10.0.0.1/33']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
    }
  });

  /** Three requests, each claiming another X-Forwarded-For, against a limit of two per client. */
  async function spoofedStatuses(app: FastifyInstance, remoteAddress: string): Promise<number[]> {
    const statuses: number[] = [];
    for (const forwarded of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
      const res = await app.inject({
        url: '/api/menu',
        remoteAddress,
        headers: { 'x-forwarded-for': forwarded, ...OWNER_AUTH },
      });
      statuses.push(res.statusCode);
    }
    return statuses;
  }

  it('ignores X-Forwarded-For from a peer that is not a listed proxy: it cannot pick its bucket', async () => {
    const app = await appWith({ trustProxy: ['10.0.0.1'], rateLimit: { max: 2, timeWindowMs: 60_000 } });
    expect(await spoofedStatuses(app, '192.168.1.50')).toEqual([200, 200, 429]);
  });

  it('uses X-Forwarded-For from a listed proxy, one bucket per real client', async () => {
    const app = await appWith({ trustProxy: ['10.0.0.1'], rateLimit: { max: 2, timeWindowMs: 60_000 } });
    expect(await spoofedStatuses(app, '10.0.0.1')).toEqual([200, 200, 200]);
  });

  it('with a hop count, X-Forwarded-For from a peer that is not on this machine is ignored (issue 26)', async () => {
    // The server listens on 0.0.0.0: a guest on the Wi-Fi talks to it directly and must not pick its bucket.
    const app = await appWith({ trustProxy: 1, rateLimit: { max: 2, timeWindowMs: 60_000 } });
    expect(await spoofedStatuses(app, '192.168.1.50')).toEqual([200, 200, 429]);
  });

  it('with one hop trusted, a client-written prefix of X-Forwarded-For does not choose the bucket', async () => {
    const app = await appWith({ trustProxy: 1, rateLimit: { max: 2, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    for (const spoof of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
      // The proxy (on this machine) appends the address it saw (203.0.113.7) after whatever the client sent.
      const res = await app.inject({
        url: '/api/menu',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `${spoof}, 203.0.113.7`, ...OWNER_AUTH },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('text hygiene at the API', () => {
  it('answers 400 invalid_body for a bidi override, a control character, a long number or a far createdAt, and stores nothing', async () => {
    const bad = [
      createBody({ customerName: 'Ada\u202Egnp.exe' }),
      createBody({ note: 'bell\u0007' }),
      createBody({ number: `A-${'9'.repeat(50_000)}` }),
      createBody({ createdAt: '1999-12-31T23:59:59.000Z' }),
      createBody({ createdAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
    ];
    for (const body of bad) {
      const res = await postOrder(t.app, body);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_body');
      expect(await t.store.get(body.id)).toBeNull();
    }
  });
});

describe('framework errors and source maps', () => {
  it('answers a malformed URL under /api in the API shape with the API header', async () => {
    const res = await t.app.inject({ url: '/api/orders/%E0%A4%A', headers: OWNER_AUTH });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-orderline-api']).toBe('1');
    expect(res.json()).toEqual({ error: { code: 'malformed_url', message: expect.any(String) } });
  });

  it('answers an unknown method and bad JSON under /api in the API shape', async () => {
    const method = await t.app.inject({ method: 'PROPFIND', url: '/api/orders', headers: OWNER_AUTH });
    expect(method.statusCode).toBeGreaterThanOrEqual(400);
    expect(method.statusCode).toBeLessThan(500);
    expect(method.headers['x-orderline-api']).toBe('1');
    expect(method.json<{ error: { code: string } }>().error.code).toEqual(expect.any(String));
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { 'content-type': 'application/json', ...OWNER_AUTH },
      payload: '{"id":',
    });
    expect(json.statusCode).toBe(400);
    expect(json.headers['x-orderline-api']).toBe('1');
    expect(json.json<{ error: { code: string } }>().error.code).toBe('invalid_body');
  });

  it('serves built assets but answers 404 for their source maps (not the SPA shell)', async () => {
    const app = await appWith({ distDir });
    expect((await app.inject({ url: '/assets/index-abc123.js' })).statusCode).toBe(200);
    for (const url of [
      '/assets/index-abc123.js.map',
      '/assets/index-abc123.js.MAP',
      '/assets/missing.js.map?x=1',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('secret');
      expect(res.body).not.toContain('<!doctype');
    }
  });
});

describe('overload shedding', () => {
  it('answers 503 unavailable with Retry-After and the API header while the event loop is stalled', async () => {
    const app = await appWith({ limits: { maxEventLoopDelayMs: 20 } });
    await app.ready();
    // Stall the loop well past the limit, then let under-pressure take its next sample.
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // busy on purpose
    }
    let res = await app.inject({ url: '/api/menu', headers: OWNER_AUTH });
    for (let i = 0; i < 40 && res.statusCode !== 503; i += 1) {
      const stallUntil = Date.now() + 200;
      while (Date.now() < stallUntil) {
        // busy on purpose
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
      res = await app.inject({ url: '/api/menu', headers: OWNER_AUTH });
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.headers['x-orderline-api']).toBe('1');
    expect(res.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
  });
});
