// The plain-HTTP rules (DESIGN.md Part 2, principle 11) through inject: the app only for a loopback Host,
// /setup for any other, /api only for loopback peers, and X-Forwarded-Proto honoured only with TRUST_PROXY.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import { buildApp } from '../../../server/app.ts';
import { openMemoryStore } from './memory-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import type { FastifyInstance } from 'fastify';
import { OWNER_AUTH, TEST_ADMIN_TOKEN } from './order-fixtures.ts';
import { shopEndpoint, tinyDist } from './tls/tls-fixtures.ts';

const LAN_PEER = '192.168.1.31';
let dir: string;
let store: OrderStore;
let app: FastifyInstance;
let proxied: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-plain-http-'));
  store = await openMemoryStore();
  const https = await shopEndpoint(dir);
  const distDir = await tinyDist(join(dir, 'dist'));
  // No load shedding: this file is about Host and peer rules, and a loaded machine would answer 503.
  const limits = { maxEventLoopDelayMs: 0 };
  const common = { store, rateLimit: false as const, distDir, adminToken: TEST_ADMIN_TOKEN, https, limits };
  app = await buildApp(common);
  proxied = await buildApp({ ...common, trustProxy: 1 });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await proxied?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

function get(url: string, host: string, remoteAddress = '127.0.0.1', target = app) {
  return target.inject({ url, headers: { host, ...OWNER_AUTH }, remoteAddress });
}

describe('plain HTTP to a loopback Host serves the app as before', () => {
  it.each(['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'localhost'])(
    'Host %s gets the app',
    async (host) => {
      const res = await get('/', host);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<title>Orderline</title>');
      expect((await get('/sw.js', host)).statusCode).toBe(200);
    },
  );
});

describe('plain HTTP to any other Host gets /setup', () => {
  it.each(['192.168.1.20:8080', 'shop-pc.local:8080', 'orderline.test:8080'])(
    'Host %s is sent to /setup for the app, its deep links and the service worker',
    async (host) => {
      for (const url of ['/', '/orders/123?x=1', '/sw.js', '/manifest.webmanifest']) {
        const res = await get(url, host, LAN_PEER);
        expect(res.statusCode, url).toBe(302);
        expect(res.headers.location).toBe('/setup');
      }
    },
  );

  // A name that is not this server's (DNS rebinding) or a malformed Host never gets as far as these rules.
  it.each(['localhost.evil.test', 'localhost:8080@x'])('Host %s is refused with 421', async (host) => {
    for (const url of ['/', '/sw.js', '/setup'])
      expect((await get(url, host, LAN_PEER)).statusCode, url).toBe(421);
  });

  it('serves /setup itself and its files to that Host', async () => {
    expect((await get('/setup', '192.168.1.20:8080', LAN_PEER)).statusCode).toBe(200);
    expect((await get('/setup/ca.crt', '192.168.1.20:8080', LAN_PEER)).statusCode).toBe(200);
    expect((await get('/healthz', '192.168.1.20:8080', LAN_PEER)).statusCode).toBe(200);
  });
});

describe('/api over plain HTTP answers only loopback peers', () => {
  it('a LAN peer gets 403 https_required in the API error shape, whatever Host it claims', async () => {
    for (const host of ['192.168.1.20:8080', 'localhost:8080']) {
      const res = await get('/api/orders?status=active', host, LAN_PEER);
      expect(res.statusCode).toBe(403);
      expect(res.headers['x-orderline-api']).toBe('1');
      expect(res.json<ApiError>().error.code).toBe('https_required');
    }
    expect((await get('/metrics', 'localhost:8080', LAN_PEER)).statusCode).toBe(403);
  });

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])(
    'loopback peer %s is answered',
    async (peer) => {
      const res = await get('/api/orders?status=active', '192.168.1.20:8080', peer);
      expect(res.statusCode).toBe(200);
    },
  );

  it('a LAN peer writing an order is refused before anything is stored', async () => {
    const before = (await get('/api/orders?status=active', 'localhost')).json<{ cursor: number }>().cursor;
    const res = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { host: '192.168.1.20:8080', 'content-type': 'application/json', ...OWNER_AUTH },
      remoteAddress: LAN_PEER,
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
    const after = (await get('/api/orders?status=active', 'localhost')).json<{ cursor: number }>().cursor;
    expect(after).toBe(before);
  });
});

describe('behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  it('takes X-Forwarded-Proto: https from a proxy on this machine as HTTPS: the app and the API for any host', async () => {
    const headers = { host: 'orderline.test', 'x-forwarded-proto': 'https', ...OWNER_AUTH };
    const page = await proxied.inject({ url: '/', headers, remoteAddress: '127.0.0.1' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['strict-transport-security']).toBeDefined();
    const api = await proxied.inject({ url: '/api/orders?status=active', headers, remoteAddress: '::1' });
    expect(api.statusCode).toBe(200);
  });

  it('with a hop count, ignores X-Forwarded-Proto from a direct LAN peer (issue 26: 0.0.0.0 is reachable)', async () => {
    const headers = { host: 'orderline.test', 'x-forwarded-proto': 'https', ...OWNER_AUTH };
    const api = await proxied.inject({ url: '/api/orders?status=active', headers, remoteAddress: LAN_PEER });
    expect(api.statusCode).toBe(403);
    expect(api.json<ApiError>().error.code).toBe('https_required');
    expect((await proxied.inject({ url: '/', headers, remoteAddress: LAN_PEER })).statusCode).toBe(302);
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY (a client cannot claim HTTPS)', async () => {
    const headers = { host: 'orderline.test', 'x-forwarded-proto': 'https', ...OWNER_AUTH };
    const api = await app.inject({ url: '/api/orders?status=active', headers, remoteAddress: LAN_PEER });
    expect(api.statusCode).toBe(403);
    expect((await app.inject({ url: '/', headers, remoteAddress: LAN_PEER })).statusCode).toBe(302);
  });
});
