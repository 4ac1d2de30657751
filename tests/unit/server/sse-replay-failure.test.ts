// An SSE replay failure (issue #15): a client reconnects with Last-Event-ID and the store's read of the changes
// since its cursor fails. The process must not crash or answer 5xx; the stream must end so the client reconnects
// (and pulls meanwhile); other streams carry on; and once the store reads again, a reconnect from the same
// Last-Event-ID replays every missed change exactly once. The failure is injected in the store the app is
// built on (a real memory PGlite store whose `changes` read throws while the fault is on), and counted.

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEventData } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import { buildApp } from '../../../server/app.ts';
import { openMemoryStore } from './memory-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import { createBody, OWNER_AUTH, TEST_ADMIN_TOKEN } from './order-fixtures.ts';
import { connectSse, type SseConnection } from './sse-client.ts';

/** The store, with its feed read failing while `failing` is set; `injected` counts the reads that failed. */
interface FaultyStore {
  store: OrderStore;
  failing: boolean;
  injected: number;
}

function withFailingChanges(store: OrderStore): FaultyStore {
  const faulty: FaultyStore = { store, failing: false, injected: 0 };
  faulty.store = new Proxy(store, {
    get(target, property) {
      if (property === 'changes') {
        return (...args: Parameters<OrderStore['changes']>) => {
          if (!faulty.failing) return target.changes(...args);
          faulty.injected += 1;
          return Promise.reject(new Error('injected: the changes read failed (database unavailable)'));
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return faulty;
}

let base: OrderStore;
let faulty: FaultyStore;
let app: FastifyInstance;
let url: string;
const streams: SseConnection[] = [];

beforeAll(async () => {
  base = await openMemoryStore();
  faulty = withFailingChanges(base);
  app = await buildApp({
    store: faulty.store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
    heartbeatMs: 60_000,
    limits: { maxEventLoopDelayMs: 0, maxStreamsPerDevice: 100 },
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}, 180_000);
afterAll(async () => {
  for (const stream of streams) stream.close();
  await app?.close();
  await base?.close();
});

async function open(headers: Record<string, string> = {}): Promise<SseConnection> {
  const stream = await connectSse(`${url}/api/events`, { ...OWNER_AUTH, ...headers });
  streams.push(stream);
  return stream;
}

/** Resolves once the server has ended or cut the stream (either way an EventSource reconnects). */
function ended(stream: SseConnection): Promise<void> {
  return new Promise((resolve) => {
    // A cut chunked response is an 'error' (ECONNRESET / aborted) on the client side: expected here.
    stream.response.on('error', () => undefined);
    if (stream.response.complete || stream.response.destroyed) resolve();
    stream.response.on('close', () => resolve());
  });
}

async function create(): Promise<Order> {
  const body = createBody();
  const res = await fetch(`${url}/api/orders`, {
    method: 'POST',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': body.id },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Order;
}

function ordersOf(stream: SseConnection): Order[] {
  return stream.events
    .filter((event) => event.event === 'orders')
    .flatMap((event) => (JSON.parse(event.data) as PushEventData).orders);
}

describe('a replay whose store read fails', () => {
  it('ends that stream without a 5xx, leaves other streams live, and a later reconnect replays every missed change once', async () => {
    const seen = await create();
    const live = await open();
    await live.waitFor((event) => event.retry === 1000);
    const missed = [await create(), await create()];
    await live.waitFor(() => ordersOf(live).some((order) => order.id === missed[1]!.id));

    faulty.failing = true;
    const broken = await open({ 'last-event-id': String(seen.seq) });
    await ended(broken);
    expect(faulty.injected).toBeGreaterThan(0);
    // The 200 and `retry: 1000` went out before the replay: the client reconnects on its own within a second.
    expect(broken.response.statusCode).toBe(200);
    expect(broken.events.some((event) => event.retry === 1000)).toBe(true);
    expect(ordersOf(broken)).toEqual([]);

    // The process is up and the other stream still gets live changes while the feed read is failing.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const duringFailure = await create();
    await live.waitFor(() => ordersOf(live).some((order) => order.id === duringFailure.id));
    expect(app.sseHub.clientCount).toBe(1);
    const metrics = await (await fetch(`${url}/metrics`, { headers: OWNER_AUTH })).text();
    expect(metrics).toMatch(/orderline_sse_streams_dropped_total\{reason="replay_failed"\} [1-9]/);

    faulty.failing = false;
    const injected = faulty.injected;
    const again = await open({ 'last-event-id': String(seen.seq) });
    const expected = [...missed, duringFailure].map((order) => order.id);
    await again.waitFor(() => expected.every((id) => ordersOf(again).some((order) => order.id === id)));
    const replayed = ordersOf(again).map((order) => order.id);
    expect(replayed).toEqual(expected);
    // Each order once, in seq order, and the stream stays open for live changes after the replay.
    const after = await create();
    await again.waitFor(() => ordersOf(again).some((order) => order.id === after.id));
    expect(ordersOf(again).map((order) => order.id)).toEqual([...expected, after.id]);
    expect(faulty.injected).toBe(injected);
    console.log(`[sse replay failure] injected store read failures: ${injected}`);
  });
});
