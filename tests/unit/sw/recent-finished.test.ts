// The device keeps recently finished orders, bounded by count and age (sw/recent-finished.ts): they leave the
// active list at once, stay readable for offline lookup, and are trimmed only once the cursor has passed
// them and nothing of theirs is still queued.
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import { RECENT_FINISHED } from '../../../sw/recent-finished.ts';
import { createHarness, type Harness } from './engine-harness.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';

let h: Harness;
let api: FakeApi;

afterEach(async () => {
  await h.close();
  expect(h.errors).toEqual([]);
});

function setup(): void {
  api = createFakeApi();
  h = createHarness(api.handler);
}

/** An order another device created on the server, `minutesAgo` before the harness clock. */
const remoteOrder = (minutesAgo = 0): Order =>
  api.remoteOrder({ prefix: 'R', createdAt: new Date(h.clock.now - minutesAgo * 60_000).toISOString() });

async function pull(): Promise<void> {
  await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
  await h.engine.settled();
}

/** Another device completes the order; its updatedAt is the harness clock (the moment it finished). */
function completeRemotely(order: Order): void {
  api.touch(order.id, { status: 'completed', updatedAt: new Date(h.clock.now).toISOString() });
}

describe('recently finished orders on the device', () => {
  it('leave the active list but stay readable, newest first', async () => {
    setup();
    const [a, b, c] = [remoteOrder(3), remoteOrder(2), remoteOrder(1)];
    await pull();
    completeRemotely(a!);
    api.touch(b!.id, { status: 'cancelled', updatedAt: new Date(h.clock.now).toISOString() });
    await pull();
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders.map((o) => o.id)).toEqual([c!.id]);
    const kept = await h.request({ v: 1, type: 'recent-finished' });
    expect(kept.map((o) => [o.number, o.status])).toEqual([
      [b!.number, 'cancelled'],
      [a!.number, 'completed'],
    ]);
  });

  it(`keep at most ${RECENT_FINISHED.maxOrders}: the ones finished longest ago go first`, async () => {
    setup();
    const orders = Array.from({ length: RECENT_FINISHED.maxOrders + 20 }, () => remoteOrder(1));
    await pull();
    for (const order of orders) {
      h.clock.now += 1_000; // each finishes a second after the one before
      completeRemotely(order);
    }
    await pull();
    const kept = await h.request({ v: 1, type: 'recent-finished' });
    expect(kept).toHaveLength(RECENT_FINISHED.maxOrders);
    const keptIds = new Set(kept.map((o) => o.id));
    // The 20 finished first were trimmed; the last 100 stay.
    expect(orders.slice(0, 20).some((o) => keptIds.has(o.id))).toBe(false);
    expect(orders.slice(20).every((o) => keptIds.has(o.id))).toBe(true);
  });

  it('are trimmed once older than the age bound, at the next pull', async () => {
    setup();
    const [old, young] = [remoteOrder(5), remoteOrder(4)];
    await pull();
    completeRemotely(old!);
    h.clock.now += RECENT_FINISHED.maxAgeMs / 2;
    completeRemotely(young!);
    await pull();
    expect((await h.request({ v: 1, type: 'recent-finished' })).map((o) => o.id)).toEqual([young!.id, old!.id]);
    h.clock.now += RECENT_FINISHED.maxAgeMs / 2 + 1;
    await pull();
    expect((await h.request({ v: 1, type: 'recent-finished' })).map((o) => o.id)).toEqual([young!.id]);
  });

  it('an order finished on this device is kept too, and a late push of an older state does not revive it', async () => {
    setup();
    const order = remoteOrder(2);
    await pull();
    await h.request({ v: 1, type: 'set-status', id: order.id, status: 'completed' });
    await h.engine.settled();
    expect(api.orders.get(order.id)?.status).toBe('completed');
    await pull();
    const kept = await h.request({ v: 1, type: 'recent-finished' });
    expect(kept.map((o) => [o.id, o.status, o.syncState])).toEqual([[order.id, 'completed', 'saved']]);
    // The create's push arrives late (after the completion): the finished view stays.
    await h.request({ v: 1, type: 'push', cursor: order.seq, orders: [order] });
    await h.engine.settled();
    expect((await h.request({ v: 1, type: 'hello' })).orders.map((o) => o.id)).not.toContain(order.id);
    expect((await h.request({ v: 1, type: 'recent-finished' }))[0]?.status).toBe('completed');
  });
});
