// Intents: each is one transaction (order view + outbox + rev), rendered at once, then flushed.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncBroadcast } from '../../../protocol/messages.ts';
import { createHarness, draft, TEST_DEVICE, type Harness } from './engine-harness.ts';
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

describe('create-order', () => {
  it('shows the order at once offline, waiting to sync, numbered with the paired device code', async () => {
    setup();
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    expect(order).toMatchObject({
      status: 'pending',
      syncState: 'waiting',
      seq: 0,
      receivedAt: null,
      totalCents: 380,
    });
    expect(order.number).toBe('B-001');
    expect(order.deviceId).toBe(TEST_DEVICE.id);
    const [delta] = h.ordersDeltas();
    expect(delta?.added).toEqual([order]);
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders).toEqual([order]);
    expect(snapshot.sync.waiting).toBe(1);
  });

  it('numbers the next order on the device one higher', async () => {
    setup();
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    const second = await h.request({ v: 1, type: 'create-order', draft: draft() });
    expect(second.number).toBe('B-002');
  });

  it('once the server confirms, the order is saved with the server prices and nothing waits', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders).toHaveLength(1);
    expect(snapshot.orders[0]).toMatchObject({ id: order.id, syncState: 'saved', totalCents: 400, seq: 1 });
    expect(snapshot.sync).toMatchObject({ waiting: 0, online: true, needsAttention: [] });
    expect(snapshot.cursor).toBe(1);
  });

  it('a browser that was never paired takes no order (the page shows it the pairing screen)', async () => {
    api = createFakeApi();
    h = createHarness(api.handler, { pairedAs: null });
    const reply = await h.engine.handle({ v: 1, type: 'create-order', draft: draft() });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_paired' } });
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot).toMatchObject({ orders: [], deviceId: null });
    expect(snapshot.sync).toMatchObject({ auth: 'unpaired', device: null, waiting: 0 });
  });
});

describe('set-status and mark-paid', () => {
  it('apply at once and are confirmed by the server', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const moved = await h.request({ v: 1, type: 'set-status', id: order.id, status: 'preparing' });
    expect(moved).toMatchObject({ status: 'preparing', syncState: 'waiting' });
    const paid = await h.request({ v: 1, type: 'mark-paid', id: order.id });
    expect(paid).toMatchObject({ status: 'preparing', paid: true });
    await h.engine.settled();
    expect(api.orders.get(order.id)).toMatchObject({ status: 'preparing', paid: true });
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders[0]).toMatchObject({ status: 'preparing', paid: true, syncState: 'saved' });
  });

  it('a move that is not forward queues nothing', async () => {
    setup();
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.request({ v: 1, type: 'set-status', id: order.id, status: 'ready' });
    const back = await h.request({ v: 1, type: 'set-status', id: order.id, status: 'preparing' });
    expect(back.status).toBe('ready');
    expect((await h.request({ v: 1, type: 'diagnostics' })).outboxDepth).toBe(2);
  });

  it('completing an order removes it from the active list with reason completed', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.request({ v: 1, type: 'set-status', id: order.id, status: 'completed' });
    expect(h.ordersDeltas().at(-1)?.removed).toEqual([{ orderId: order.id, reason: 'completed' }]);
    await h.engine.settled();
    expect((await h.request({ v: 1, type: 'hello' })).orders).toEqual([]);
  });

  it('an unknown order is refused as data, not thrown', async () => {
    setup();
    const reply = await h.engine.handle({ v: 1, type: 'mark-paid', id: 'nope' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('rev', () => {
  it('is strictly increasing across every broadcast and persisted across a restart', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.request({ v: 1, type: 'set-status', id: order.id, status: 'preparing' });
    await h.engine.settled();
    const before = h.broadcasts.map((b) => b.rev);
    await h.restart();
    api.down = true;
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    const revs = h.broadcasts.map((b) => b.rev);
    expect(revs.length).toBeGreaterThan(before.length);
    for (let i = 1; i < revs.length; i += 1) expect(revs[i]).toBe((revs[i - 1] ?? 0) + 1);
    expect((await h.request({ v: 1, type: 'hello' })).rev).toBe(revs.at(-1));
  });

  it('the sync broadcast reports waiting, online and last sync', async () => {
    setup();
    api.down = true;
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    const syncs = h.broadcasts.filter((b): b is SyncBroadcast => b.type === 'sync');
    expect(syncs.at(-1)).toMatchObject({ waiting: 1, online: false, pushConnected: false });
    api.down = false;
    await h.request({ v: 1, type: 'sync-now', reason: 'manual' });
    await h.engine.settled();
    const last = h.broadcasts.filter((b): b is SyncBroadcast => b.type === 'sync').at(-1);
    expect(last).toMatchObject({ waiting: 0, online: true });
    expect(last?.lastSyncAt).not.toBeNull();
  });
});
