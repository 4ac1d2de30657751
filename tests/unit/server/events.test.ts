// GET /api/events against a real listening server: live delivery, replay from Last-Event-ID and
// ?since=, heartbeats on a short injected interval, and no event lost between replay and live.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEventData } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import { startServer, type RunningServer } from '../../../server/start-server.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, createBody } from './order-fixtures.ts';
import { connectSse, type SseConnection } from './sse-client.ts';
import { migratedTemplate } from './memory-store.ts';

let server: RunningServer;
const open: SseConnection[] = [];

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    initialDump: await migratedTemplate(),
    distDir: '/nonexistent-orderline-dist',
    rateLimit: false,
    heartbeatMs: 150,
    adminToken: TEST_ADMIN_TOKEN,
    // These tests keep every stream open until the end, all as the one admin device; and a
    // busy test machine must not turn the backlog test's bursts into overload 503s.
    limits: { maxStreamsPerDevice: 100, maxEventLoopDelayMs: 0 },
  });
}, 180_000);
afterAll(async () => {
  for (const connection of open) connection.close();
  await server?.close();
});

async function connect(query = '', headers: Record<string, string> = {}): Promise<SseConnection> {
  const connection = await connectSse(`${server.url}/api/events${query}`, { ...OWNER_AUTH, ...headers });
  open.push(connection);
  return connection;
}

async function create(): Promise<Order> {
  const body = createBody();
  const res = await fetch(`${server.url}/api/orders`, {
    method: 'POST',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': body.id },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Order;
}

function ordersEventWith(id: string) {
  return (event: { event: string; data: string }) =>
    event.event === 'orders' && (JSON.parse(event.data) as PushEventData).orders.some((o) => o.id === id);
}

describe('GET /api/events', () => {
  it('answers an event stream with the API header and retry: 1000', async () => {
    const stream = await connect();
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toContain('text/event-stream');
    expect(stream.response.headers['x-orderline-api']).toBe('1');
    await stream.waitFor((event) => event.retry === 1000);
  });

  it('delivers a create to a connected client with id = cursor = the order seq', async () => {
    const stream = await connect();
    await stream.waitFor((event) => event.retry === 1000);
    const order = await create();
    const event = await stream.waitFor(ordersEventWith(order.id));
    const data = JSON.parse(event.data) as PushEventData;
    expect(event.id).toBe(String(order.seq));
    expect(data.cursor).toBe(order.seq);
    expect(data.orders).toEqual([order]);
  });

  it('replays what was missed after Last-Event-ID, then continues live', async () => {
    const before = await create();
    const missed1 = await create();
    const missed2 = await create();
    const stream = await connect('', { 'last-event-id': String(before.seq) });
    const replayed = await stream.waitFor(ordersEventWith(missed2.id));
    const ids = stream.events
      .filter((e) => e.event === 'orders')
      .flatMap((e) => (JSON.parse(e.data) as PushEventData).orders.map((o) => o.id));
    expect(ids).toEqual([missed1.id, missed2.id]);
    expect(replayed.id).toBe(String(missed2.seq));
    const live = await create();
    await stream.waitFor(ordersEventWith(live.id));
  });

  it('replays from ?since=, and Last-Event-ID wins over ?since= (EventSource reconnects)', async () => {
    const a = await create();
    const b = await create();
    const fromQuery = await connect(`?since=${a.seq - 1}`);
    await fromQuery.waitFor(ordersEventWith(b.id));
    expect(fromQuery.events.some(ordersEventWith(a.id))).toBe(true);
    const both = await connect(`?since=0`, { 'last-event-id': String(a.seq) });
    await both.waitFor(ordersEventWith(b.id));
    expect(both.events.some(ordersEventWith(a.id))).toBe(false);
  });

  it('?since=0 sends `event: reset` with the current cursor and replays nothing, then streams live (issue 26)', async () => {
    const old = await create();
    const stream = await connect('?since=0');
    const reset = await stream.waitFor((event) => event.event === 'reset');
    expect(JSON.parse(reset.data)).toEqual({ cursor: expect.any(Number) });
    expect((JSON.parse(reset.data) as { cursor: number }).cursor).toBeGreaterThanOrEqual(old.seq);
    expect(reset.id).toBeUndefined();
    const fresh = await create();
    await stream.waitFor(ordersEventWith(fresh.id));
    // Only the live continuation: never the snapshot's first page dressed up as an `orders` event.
    const sent = stream.events.filter((e) => e.event === 'orders');
    expect(sent.flatMap((e) => (JSON.parse(e.data) as PushEventData).orders.map((o) => o.id))).toEqual([
      fresh.id,
    ]);
  });

  it('a cursor ahead of the server (another database) also gets `event: reset` and no replay', async () => {
    const head = await create();
    const stream = await connect('', { 'last-event-id': String(head.seq + 1_000_000) });
    const reset = await stream.waitFor((event) => event.event === 'reset');
    expect((JSON.parse(reset.data) as { cursor: number }).cursor).toBeGreaterThanOrEqual(head.seq);
    expect(stream.events.some((e) => e.event === 'orders')).toBe(false);
  });

  it('with neither, it is live only', async () => {
    const old = await create();
    const stream = await connect();
    const fresh = await create();
    await stream.waitFor(ordersEventWith(fresh.id));
    expect(stream.events.some(ordersEventWith(old.id))).toBe(false);
  });

  it('creates racing a replay are each delivered exactly once, in seq order', async () => {
    const start = await create();
    const racing = Promise.all(Array.from({ length: 30 }, () => create()));
    const stream = await connect('', { 'last-event-id': String(start.seq) });
    const orders = await racing;
    const last = orders.reduce((a, b) => (a.seq > b.seq ? a : b));
    await stream.waitFor((event) => event.event === 'orders' && Number(event.id) >= last.seq);
    const seqs = stream.events
      .filter((e) => e.event === 'orders')
      .flatMap((e) => (JSON.parse(e.data) as PushEventData).orders.map((o) => o.seq));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const order of orders) expect(seqs).toContain(order.seq);
  });

  it('replays a long backlog in pages (500 per event), in seq order, nothing missing', async () => {
    const start = await create();
    const backlog: Order[] = [];
    // In waves, so the server (and this 2-core machine) is not handed 520 sockets at once.
    for (let wave = 0; wave < 13; wave++)
      backlog.push(...(await Promise.all(Array.from({ length: 40 }, create))));
    const last = Math.max(...backlog.map((o) => o.seq));
    const stream = await connect('', { 'last-event-id': String(start.seq) });
    await stream.waitFor((event) => event.event === 'orders' && Number(event.id) >= last, 20_000);
    const batches = stream.events
      .filter((e) => e.event === 'orders')
      .map((e) => JSON.parse(e.data) as PushEventData);
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches[0]?.orders).toHaveLength(500);
    const seqs = batches.flatMap((b) => b.orders.map((o) => o.seq));
    expect(seqs).toEqual(backlog.map((o) => o.seq).sort((x, y) => x - y));
  }, 120_000);

  it('sends a named heartbeat with data {} and no id on the injected interval', async () => {
    const stream = await connect();
    const beat = await stream.waitFor((event) => event.event === 'heartbeat', 2000);
    expect(beat.data).toBe('{}');
    expect(beat.id).toBeUndefined();
  });

  it('a bad Last-Event-ID or since is a 400 JSON error', async () => {
    for (const [query, headers] of [
      ['?since=abc', {}],
      ['', { 'last-event-id': 'x' }],
    ] as const) {
      const res = await fetch(`${server.url}/api/events${query}`, { headers: { ...OWNER_AUTH, ...headers } });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-orderline-api')).toBe('1');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_query');
    }
  });

  it('counts connected clients and forgets closed ones', async () => {
    const stream = await connect();
    await stream.waitFor((event) => event.retry === 1000);
    const withIt = server.app.sseHub.clientCount;
    stream.close();
    await expect.poll(() => server.app.sseHub.clientCount).toBe(withIt - 1);
  });
});
