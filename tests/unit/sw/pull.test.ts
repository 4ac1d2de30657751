// Pull and push: paging by cursor, reset snapshots, idempotent out-of-order pushes, gap filling, and the
// seed's "polling coordination" (an intent made during a pull is not overwritten by the pull's older data).
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
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

/** An order another device created on the server. */
const remoteOrder = (): Order => api.remoteOrder();

describe('pull', () => {
  it('a first start takes the active snapshot in pages, then follows the feed from its cursor', async () => {
    setup();
    for (let i = 0; i < 1_100; i += 1) remoteOrder();
    await h.request({ v: 1, type: 'sync-now', reason: 'start' });
    await h.engine.settled();
    const changes = api.log.filter((r) => r.path.startsWith('/api/orders/changes'));
    expect(changes.map((r) => r.path)).toEqual([
      '/api/orders/changes?since=0&limit=500',
      '/api/orders/changes?since=1100&snapshotAfter=500&limit=500',
      '/api/orders/changes?since=1100&snapshotAfter=1000&limit=500',
      '/api/orders/changes?since=1100&limit=500',
    ]);
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders).toHaveLength(1_100);
    expect(snapshot.cursor).toBe(1_100);
    expect((snapshot.orders[0]?.createdAt ?? '') > (snapshot.orders[1]?.createdAt ?? '')).toBe(true);
  });

  it('pages through the feed by cursor until more is false', async () => {
    setup();
    remoteOrder();
    await h.request({ v: 1, type: 'sync-now', reason: 'start' });
    await h.engine.settled();
    for (let i = 0; i < 1_100; i += 1) remoteOrder();
    api.log.length = 0;
    await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
    await h.engine.settled();
    expect(api.log.filter((r) => r.path.startsWith('/api/orders/changes')).map((r) => r.path)).toEqual([
      '/api/orders/changes?since=1&limit=500',
      '/api/orders/changes?since=501&limit=500',
      '/api/orders/changes?since=1001&limit=500',
    ]);
    expect((await h.request({ v: 1, type: 'hello' })).orders).toHaveLength(1_101);
  });

  it('a reset in pages is applied only once it is whole, and never drops an outbox entry', async () => {
    setup();
    for (let i = 0; i < 600; i += 1) remoteOrder();
    await h.request({ v: 1, type: 'sync-now', reason: 'start' });
    await h.engine.settled();
    // Local changes queued while the server is away: a create and a change of a server order.
    api.down = true;
    const local = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const changed = [...api.orders.values()][3];
    if (!changed) throw new Error('no order');
    await h.request({ v: 1, type: 'set-status', id: changed.id, status: 'ready' });
    await h.engine.settled();
    // The server was restored from an older backup: our cursor is ahead of it, so it answers a reset.
    api.seq = 590;
    for (const order of [...api.orders.values()]) if (order.seq > 590) api.orders.delete(order.id);
    api.down = false;
    let releaseWrites = (): void => undefined;
    api.hold = new Promise((resolve) => (releaseWrites = resolve)); // the outbox stays unsent while we look
    let releaseSecondPage = (): void => undefined;
    const secondPage = new Promise<void>((resolve) => (releaseSecondPage = resolve));
    api.holdSnapshot = secondPage;
    const pullDone = h.engine.syncNow('manual');
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Only the first page has arrived: nothing was replaced yet.
    const midway = await h.request({ v: 1, type: 'hello' });
    expect(midway.orders).toHaveLength(601);
    releaseSecondPage();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const after = await h.request({ v: 1, type: 'hello' });
    expect(after.orders.map((o) => o.id)).toContain(local.id);
    expect(after.orders.find((o) => o.id === changed.id)?.status).toBe('ready');
    expect(after.orders).toHaveLength(591);
    expect(after.sync.waiting).toBe(2);
    api.hold = null;
    releaseWrites();
    await pullDone;
    await h.engine.settled();
    expect(api.orders.get(local.id)).toBeDefined();
    expect(api.orders.get(changed.id)?.status).toBe('ready');
    expect((await h.request({ v: 1, type: 'hello' })).sync.waiting).toBe(0);
  });

  it('an order completed elsewhere leaves the list with reason completed', async () => {
    setup();
    const order = remoteOrder();
    await h.request({ v: 1, type: 'sync-now', reason: 'start' });
    await h.engine.settled();
    api.touch(order.id, { status: 'completed' });
    await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
    await h.engine.settled();
    expect(h.ordersDeltas().at(-1)?.removed).toEqual([{ orderId: order.id, reason: 'completed' }]);
    expect((await h.request({ v: 1, type: 'hello' })).orders).toEqual([]);
  });

  it('a reset replaces the cache with the snapshot but keeps orders with pending changes', async () => {
    setup();
    const kept = remoteOrder();
    const dropped = remoteOrder();
    await h.request({ v: 1, type: 'sync-now', reason: 'start' });
    await h.engine.settled();
    api.down = true;
    const local = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    // The server lost its data (restored from an older backup): our cursor is ahead of it.
    api.orders.clear();
    api.orders.set(kept.id, { ...kept, seq: 1 });
    api.seq = 1;
    api.down = false;
    let releaseWrites = (): void => undefined;
    api.hold = new Promise((resolve) => (releaseWrites = resolve)); // keep the local create unsent while we look
    const pullDone = h.engine.syncNow('manual');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders.map((o) => o.id).sort()).toEqual([kept.id, local.id].sort());
    expect(snapshot.cursor).toBe(1);
    expect(h.ordersDeltas().flatMap((d) => d.removed)).toContainEqual({
      orderId: dropped.id,
      reason: 'reset',
    });
    api.hold = null;
    releaseWrites();
    await pullDone;
    await h.engine.settled();
    expect(api.orders.has(local.id)).toBe(true);
  });
});

describe('push', () => {
  it('a push tells the tabs its orders once, with no sync broadcast when only the last sync time moved', async () => {
    setup();
    await h.request({ v: 1, type: 'push-status', connected: true });
    const first = remoteOrder();
    await h.request({ v: 1, type: 'push', cursor: first.seq, orders: [first] });
    await h.engine.settled();
    const before = h.broadcasts.length;
    h.clock.now += 1_000;
    const second = remoteOrder();
    await h.request({ v: 1, type: 'push', cursor: second.seq, orders: [second] });
    await h.engine.settled();
    expect(h.broadcasts.slice(before).map((b) => b.type)).toEqual(['orders']);
    // Diagnostics still has the time of the latest push.
    expect((await h.request({ v: 1, type: 'diagnostics' })).lastSyncAt).toBe(
      new Date(h.clock.now).toISOString(),
    );
  });

  it('a duplicate or older push changes nothing', async () => {
    setup();
    const order = remoteOrder();
    const newer = api.touch(order.id, { status: 'ready' });
    await h.request({ v: 1, type: 'push', cursor: newer.seq, orders: [newer] });
    const deltasBefore = h.ordersDeltas().length;
    await h.request({ v: 1, type: 'push', cursor: newer.seq, orders: [newer] });
    await h.request({ v: 1, type: 'push', cursor: order.seq, orders: [order] });
    await h.engine.settled();
    expect(h.ordersDeltas()).toHaveLength(deltasBefore);
    expect((await h.request({ v: 1, type: 'hello' })).orders[0]?.status).toBe('ready');
  });

  it('a push that connects to the cursor advances it without a pull', async () => {
    setup();
    const first = remoteOrder();
    await h.request({ v: 1, type: 'push', cursor: first.seq, orders: [first] });
    await h.engine.settled();
    expect((await h.request({ v: 1, type: 'hello' })).cursor).toBe(1);
    expect(api.log.filter((r) => r.path.startsWith('/api/orders/changes'))).toEqual([]);
  });

  it('a push that leaves a gap is applied and the gap is pulled', async () => {
    setup();
    const missed = remoteOrder();
    const seen = remoteOrder();
    await h.request({ v: 1, type: 'push', cursor: seen.seq, orders: [seen] });
    await h.engine.settled();
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders.map((o) => o.id).sort()).toEqual([missed.id, seen.id].sort());
    expect(snapshot.cursor).toBe(2);
  });

  it('pushes that arrive while one is applied are applied together and still advance the cursor', async () => {
    setup();
    const orders = [remoteOrder(), remoteOrder(), remoteOrder(), remoteOrder()];
    // Out of order on purpose: together they connect to the cursor even though the first alone would not.
    await Promise.all(
      [orders[1], orders[0], orders[3], orders[2]].map((order) =>
        h.request({ v: 1, type: 'push', cursor: order?.seq ?? 0, orders: order ? [order] : [] }),
      ),
    );
    await h.engine.settled();
    expect(h.ordersDeltas().length).toBeLessThan(orders.length);
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders).toHaveLength(4);
    expect(snapshot.cursor).toBe(4);
  });

  it('malformed orders in a push are ignored', async () => {
    setup();
    await h.request({ v: 1, type: 'push', cursor: 0, orders: [{ id: 'x' } as unknown as Order] });
    expect((await h.request({ v: 1, type: 'hello' })).orders).toEqual([]);
  });
});

describe('polling coordination', () => {
  it('an intent made while a pull is in flight renders at once and the pull does not overwrite it', async () => {
    setup();
    const order = remoteOrder();
    await h.request({ v: 1, type: 'sync-now', reason: 'start' });
    await h.engine.settled();
    // Another device moves it to preparing; our pull of that change is slow.
    api.touch(order.id, { status: 'preparing' });
    let releasePull = (): void => undefined;
    api.holdChanges = new Promise((resolve) => (releasePull = resolve));
    let releaseWrites = (): void => undefined;
    api.hold = new Promise((resolve) => (releaseWrites = resolve));
    const pulling = h.engine.syncNow('poll');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const mine = await h.request({ v: 1, type: 'set-status', id: order.id, status: 'ready' });
    expect(mine.status).toBe('ready');
    expect(h.ordersDeltas().at(-1)?.updated[0]?.changes.status).toBe('ready');
    api.holdChanges = null;
    releasePull();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The pull answered "preparing" while our "ready" is still unsent: the list keeps showing ready.
    const during = await h.request({ v: 1, type: 'hello' });
    expect(during.orders[0]).toMatchObject({ status: 'ready', syncState: 'waiting' });
    expect(h.ordersDeltas().every((d) => d.updated.every((u) => u.order.status === 'ready'))).toBe(true);
    api.hold = null;
    releaseWrites();
    await pulling;
    await h.engine.settled();
    const after = await h.request({ v: 1, type: 'hello' });
    expect(after.orders[0]).toMatchObject({ status: 'ready', syncState: 'saved' });
  });
});
