// Draining in batches: while more than one entry is ready the flusher sends POST /api/batch, keeps per-order
// FIFO (at most one entry per order in flight), and classifies each result like a lone answer.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientOrder } from '../../../protocol/order.ts';
import { apiResponse, createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';

let h: Harness;
let api: FakeApi;

function setup(): void {
  api = createFakeApi();
  h = createHarness(api.handler);
}

afterEach(async () => {
  await h.close();
  expect(h.errors).toEqual([]);
});

/** Queues orders while the server is down, then brings it back and lets the outbox drain. */
async function queueThenDrain(queue: () => Promise<void>): Promise<void> {
  api.down = true;
  await queue();
  await h.engine.settled();
  api.down = false;
  await h.request({ v: 1, type: 'sync-now', reason: 'manual' });
  await h.engine.settled();
}

describe('draining in batches', () => {
  it('sends batches while draining and keeps per-order FIFO', async () => {
    setup();
    const orders: ClientOrder[] = [];
    await queueThenDrain(async () => {
      for (let i = 0; i < 150; i += 1) {
        const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
        orders.push(order);
        await h.request({ v: 1, type: 'set-status', id: order.id, status: 'preparing' });
        if (i % 3 === 0) await h.request({ v: 1, type: 'mark-paid', id: order.id });
      }
    });
    // 350 entries in far fewer requests than entries, none over 100 mutations.
    expect(api.batches.length).toBeGreaterThan(0);
    expect(Math.max(...api.batches)).toBeLessThanOrEqual(100);
    expect(api.log.filter((r) => r.method !== 'GET').length).toBeLessThan(30);
    // Never two entries of one order in flight (a batch holds heads of distinct orders).
    expect(api.maxInFlightPerOrder).toBe(1);
    for (const [i, order] of orders.entries()) {
      const sent = api.mutations
        .filter((m) => m.key === order.id || m.path.endsWith(order.id))
        .map((m) => m.method);
      expect(sent).toEqual(i % 3 === 0 ? ['POST', 'PATCH', 'PATCH'] : ['POST', 'PATCH']);
      expect(api.orders.get(order.id)).toMatchObject({ status: 'preparing', paid: i % 3 === 0 });
    }
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync.waiting).toBe(0);
    expect(snapshot.sync.needsAttention).toEqual([]);
  });

  it('a lone ready entry still goes alone', async () => {
    setup();
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect(api.batches).toEqual([]);
    expect(api.log.filter((r) => r.path === '/api/orders')).toHaveLength(1);
  });

  it('a partial batch failure dead-letters exactly its own entry', async () => {
    setup();
    const good: ClientOrder[] = [];
    let bad: ClientOrder | undefined;
    await queueThenDrain(async () => {
      for (let i = 0; i < 6; i += 1)
        good.push(await h.request({ v: 1, type: 'create-order', draft: draft() }));
      bad = await h.request({ v: 1, type: 'create-order', draft: draft('poison') });
      for (let i = 0; i < 6; i += 1)
        good.push(await h.request({ v: 1, type: 'create-order', draft: draft() }));
    });
    expect(api.batches.length).toBeGreaterThan(0);
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync.needsAttention).toEqual([
      expect.objectContaining({
        orderId: bad?.id,
        kind: 'create',
        httpStatus: 422,
        code: 'unknown_menu_item',
      }),
    ]);
    expect(snapshot.sync.waiting).toBe(0);
    for (const order of good) {
      expect(api.orders.has(order.id)).toBe(true);
      expect(snapshot.orders.find((o) => o.id === order.id)?.syncState).toBe('saved');
    }
  });

  it('a server that refuses the batch (no /api/batch) gets every entry alone, and none is dead', async () => {
    setup();
    api.batchSupported = false;
    const orders: ClientOrder[] = [];
    await queueThenDrain(async () => {
      for (let i = 0; i < 5; i += 1)
        orders.push(await h.request({ v: 1, type: 'create-order', draft: draft() }));
    });
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync.needsAttention).toEqual([]);
    expect(snapshot.sync.waiting).toBe(0);
    expect(orders.every((o) => api.orders.has(o.id))).toBe(true);
    expect(api.log.filter((r) => r.path === '/api/batch').length).toBeGreaterThan(0);
  });

  it('a batch the server could not answer (503) keeps every entry waiting, none dead, and goes again', async () => {
    setup();
    api.scriptedBatch.push(apiResponse(503, { error: { code: 'unavailable', message: 'busy' } }));
    const orders: ClientOrder[] = [];
    await queueThenDrain(async () => {
      for (let i = 0; i < 5; i += 1)
        orders.push(await h.request({ v: 1, type: 'create-order', draft: draft() }));
    });
    // The pull found the server up, so all five went as one batch, which failed as a whole.
    expect(api.log.filter((r) => r.path === '/api/batch')).toHaveLength(1);
    expect(api.orders.size).toBe(0);
    const waiting = await h.request({ v: 1, type: 'hello' });
    expect(waiting.sync.waiting).toBe(5);
    expect(waiting.sync.needsAttention).toEqual([]);
    h.clock.now += 60_000;
    h.timers.runDue();
    await h.engine.settled();
    expect(orders.every((o) => api.orders.has(o.id))).toBe(true);
    expect((await h.request({ v: 1, type: 'hello' })).sync.waiting).toBe(0);
  });
});
