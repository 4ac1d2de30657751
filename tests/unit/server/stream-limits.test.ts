// Event-stream limits against real listening servers over one store: per-device and per-server caps
// (429 too_many_streams), one serialisation per batch whatever the number of streams, a reader that
// stops reading is dropped while a normal reader is left alone, a replay event larger than the
// slow-reader limit still arrives whole, and a client that vanishes mid-request causes no 500s.

import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PushEventData } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import { CreateOrderBodySchema } from '../../../protocol/schemas.ts';
import { buildApp, type BuildAppOptions } from '../../../server/app.ts';
import { SAMPLE_MENU } from '../../../server/menu.ts';
import { prepareOrder } from '../../../server/prepare-order.ts';
import { openMemoryStore } from './memory-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import { createBody, OWNER_AUTH, TEST_ADMIN_TOKEN } from './order-fixtures.ts';
import { connectSse, type SseConnection } from './sse-client.ts';

let store: OrderStore;
const apps: FastifyInstance[] = [];
const streams: SseConnection[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  store = await openMemoryStore();
}, 180_000);
// Every app over the store fans out to its own streams: close them so each test counts its own.
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  for (const socket of sockets.splice(0)) socket.destroy();
  await expect.poll(() => apps.every((app) => app.sseHub.clientCount === 0)).toBe(true);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(apps.map((app) => app.close()));
  await store?.close();
});

/** A listening app over the shared store; returns its base URL. */
async function listen(options: Partial<BuildAppOptions>): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
    heartbeatMs: 60_000,
    ...options,
    limits: { maxEventLoopDelayMs: 0, ...options.limits },
  });
  apps.push(app);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: address };
}

async function open(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const stream = await connectSse(`${url}/api/events`, { ...OWNER_AUTH, ...headers });
  streams.push(stream);
  return stream;
}

async function create(url: string, overrides: Parameters<typeof createBody>[0] = {}): Promise<Order> {
  const body = createBody(overrides);
  const res = await fetch(`${url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': body.id, ...OWNER_AUTH },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Order;
}

/** Commits an order of about 80 KB of JSON (100 lines, 200 four-byte characters each) straight to the store. */
async function commitBig(lines = 100): Promise<Order> {
  const body = createBody({
    items: Array.from({ length: lines }, () => ({
      menuItemId: 'flat-white',
      qty: 1,
      note: '🍵'.repeat(200),
    })),
  });
  // Priced from the built-in sample, which every memory database is seeded with.
  const prepared = prepareOrder(v.parse(CreateOrderBodySchema, body), (id) =>
    SAMPLE_MENU.items.find((item) => item.id === id),
  );
  if (!prepared.ok) throw new Error('the menu changed');
  const result = await store.create(prepared.order);
  if (result.kind !== 'created') throw new Error(`not created: ${result.kind}`);
  return result.order;
}

function hasOrder(id: string) {
  return (event: { event: string; data: string }) =>
    event.event === 'orders' && (JSON.parse(event.data) as PushEventData).orders.some((o) => o.id === id);
}

describe('stream caps', () => {
  it('refuses a device its streams beyond the per-device cap with 429 too_many_streams, and admits one once another closes', async () => {
    const { url } = await listen({ limits: { maxStreamsPerDevice: 3, maxStreams: 100 } });
    const admitted = [await open(url), await open(url), await open(url)];
    for (const stream of admitted) expect(stream.response.statusCode).toBe(200);
    const refused = await fetch(`${url}/api/events`, { headers: OWNER_AUTH });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-orderline-api')).toBe('1');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await refused.json()).toEqual({
      error: { code: 'too_many_streams', message: expect.any(String) },
    });

    admitted[0]?.close();
    await expect
      .poll(async () => {
        const again = await open(url);
        again.close();
        return again.response.statusCode;
      })
      .toBe(200);
  });

  it('refuses streams beyond the per-server cap and counts refusals in /metrics', async () => {
    const { url } = await listen({ limits: { maxStreamsPerDevice: 100, maxStreams: 4 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await open(url)).response.statusCode ?? 0);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const metrics = await (await fetch(`${url}/metrics`, { headers: OWNER_AUTH })).text();
    expect(metrics).toMatch(/orderline_sse_streams_refused_total\{scope="server"\} 2/);
  });
});

describe('fan-out', () => {
  it('serialises a committed batch once, however many streams receive it', async () => {
    const { url } = await listen({ limits: { maxStreamsPerDevice: 100, maxStreams: 100 } });
    const many = await Promise.all(Array.from({ length: 40 }, () => open(url)));
    await Promise.all(many.map((stream) => stream.waitFor((event) => event.retry === 1000)));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const order = await create(url);
      await Promise.all(many.map((stream) => stream.waitFor(hasOrder(order.id))));
      const eventSerialisations = stringify.mock.calls.filter(([value]) => {
        const data = value as Partial<PushEventData & { more: boolean }> | null;
        return (
          typeof data === 'object' &&
          data !== null &&
          'cursor' in data &&
          'orders' in data &&
          !('more' in data)
        );
      });
      expect(eventSerialisations).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });
});

describe('slow readers', () => {
  it('drops a stream that stopped reading, leaves a reading one alone, and a replay larger than the limit still arrives', async () => {
    const { app, url } = await listen({
      limits: { maxStreamsPerDevice: 100, maxStreams: 100, slowReaderBytes: 256 * 1024 },
    });
    const port = new URL(url).port;
    const reader = await open(url);
    await reader.waitFor((event) => event.retry === 1000);

    // A client that sends its request and then never reads: the kernel buffers fill, then ours.
    const stalled = connect({ host: '127.0.0.1', port: Number(port) });
    sockets.push(stalled);
    stalled.write(
      `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${OWNER_AUTH.authorization}\r\n\r\n`,
    );
    stalled.pause();
    await expect.poll(() => app.sseHub.clientCount).toBe(2);

    // Loopback buffers hold a few MB before ours fill; 300 × 80 KB is far more than enough.
    // A small order before the big ones, so the replay below starts at a cursor above 0 (cursor 0 is a
    // reset: `event: reset`, no replay).
    await commitBig(1);
    const first = await commitBig();
    let last = first;
    // A paused socket never reports the close, so watch the server's side.
    const dropped = () => app.sseHub.clientCount === 1;
    for (let i = 0; i < 300 && !dropped(); i += 1) {
      last = await commitBig();
      // PGlite in memory resolves without an I/O turn: give the sockets (and the reader) one.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(dropped()).toBe(true);

    // The reading client got everything and is still connected.
    await reader.waitFor(hasOrder(last.id), 15_000);
    expect(reader.response.destroyed).toBe(false);
    expect(app.sseHub.clientCount).toBe(1);
    const metrics = await (await fetch(`${url}/metrics`, { headers: OWNER_AUTH })).text();
    expect(metrics).toMatch(/orderline_sse_streams_dropped_total\{reason="slow_reader"\} 1/);

    // A replay from before the first big order is one event far beyond 256 KiB: it arrives whole.
    const replaying = await open(url, { 'last-event-id': String(first.seq - 1) });
    await replaying.waitFor(hasOrder(last.id), 15_000);
    // Pages are bounded at 1 MiB of JSON, so the last page may be small: the first is the one far beyond.
    const firstPage = replaying.events.find((event) => event.event === 'orders');
    expect(Buffer.byteLength(firstPage?.data ?? '')).toBeGreaterThan(256 * 1024);
    expect(replaying.response.destroyed).toBe(false);
  }, 120_000);
});

describe('rate-limit key', () => {
  it('logs no error when a client disconnects before the rate limiter reads its address', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { app, url } = await listen({
      rateLimit: { max: 1000, timeWindowMs: 60_000 },
      logger: { level: 'info', stream: logStream },
    });
    // The client is gone before any hook runs: the socket is destroyed as the request arrives.
    app.server.prependListener('request', (request) => request.socket.destroy());
    for (let i = 0; i < 5; i += 1)
      await fetch(`${url}/api/menu`, { headers: OWNER_AUTH }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const errors = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((entry) => entry.level >= 50);
    expect(errors).toEqual([]);
  });
});
