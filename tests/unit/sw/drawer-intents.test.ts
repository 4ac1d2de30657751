// Drawer intents (principle 22): queued like orders, shown offline (float, movements, this device's cash),
// a close sent only after every earlier outbox entry has its answer, its Z report kept and broadcast.
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchRequest } from '../../../protocol/api.ts';
import { createHarness, draft, TEST_DEVICE, type Harness } from './engine-harness.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';

let h: Harness;
let api: FakeApi;
let batches: BatchRequest[];

function setup(): void {
  api = createFakeApi();
  batches = [];
  h = createHarness(async (request) => {
    if (request.url.pathname === '/api/batch') batches.push(request.body as BatchRequest);
    return api.handler(request);
  });
}

afterEach(async () => {
  await h.close();
  expect(h.errors).toEqual([]);
});

async function backOnline(): Promise<void> {
  api.down = false;
  await h.engine.serverMaybeBack();
  await h.engine.settled();
}

async function cashOrder(amountCents: number): Promise<string> {
  const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
  await h.request({ v: 1, type: 'pay', orderId: order.id, payment: { method: 'cash', amountCents } });
  return order.id;
}

describe('drawer', () => {
  it('opens, moves and counts cash offline, and every tab hears each change', async () => {
    setup();
    api.down = true;
    const opened = await h.request({ v: 1, type: 'drawer-open', floatCents: 10_000 });
    expect(opened).toMatchObject({ pending: 1, closing: false, lastReport: null });
    expect(opened.drawer).toMatchObject({
      floatCents: 10_000,
      expectedCents: 10_000,
      openedImplicitly: false,
    });
    const moved = await h.request({
      v: 1,
      type: 'drawer-move',
      kind: 'out',
      amountCents: 500,
      reason: 'milk',
    });
    expect(moved.drawer?.expectedCents).toBe(9_500);
    await cashOrder(380);
    await h.engine.settled();
    const view = await h.request({ v: 1, type: 'drawer' });
    expect(view.drawer?.expectedCents).toBe(9_880);
    expect(h.drawerBroadcasts().at(-1)?.drawer).toEqual(view);
    const again = await h.engine.handle({ v: 1, type: 'drawer-open', floatCents: 1 });
    expect(again).toMatchObject({ ok: false, error: { code: 'drawer_already_open' } });
  });

  it('a cash payment with no open drawer opens one at float 0, flagged', async () => {
    setup();
    api.down = true;
    await cashOrder(250);
    await h.engine.settled();
    expect(h.drawerBroadcasts().at(-1)?.drawer.drawer).toMatchObject({
      floatCents: 0,
      openedImplicitly: true,
      expectedCents: 250,
    });
    await backOnline();
    // Answered: the cash moved into the stored base, the estimate is unchanged.
    const view = await h.request({ v: 1, type: 'drawer' });
    expect(view).toMatchObject({ pending: 0, drawer: { openedImplicitly: true, expectedCents: 250 } });
    expect(api.money.drawers.get(TEST_DEVICE.id)?.drawer).toMatchObject({ expectedCents: 250 });
  });

  it('a close waits behind every earlier entry of the device, and its Z report counts them', async () => {
    setup();
    api.down = true;
    await h.request({ v: 1, type: 'drawer-open', floatCents: 1_000 });
    for (let i = 0; i < 5; i += 1) await cashOrder(100 + i);
    const closing = await h.request({ v: 1, type: 'drawer-close', countedCents: 1_510 });
    expect(closing).toMatchObject({ closing: true, drawer: null, pending: 2 });
    // A payment after the close goes to the next drawer, never into this Z report.
    await cashOrder(999);
    await backOnline();
    const writes = api.mutations.map((m) => m.path);
    const close = writes.indexOf('/api/drawer/close');
    const payments = writes.flatMap((path, i) => (path.endsWith('/payments') ? [i] : []));
    expect(payments).toHaveLength(6);
    expect(payments.filter((i) => i < close)).toHaveLength(5);
    // Alone in its batch (or sent alone): nothing rides along with a barrier.
    for (const batch of batches) {
      if (batch.mutations.some((m) => m.op === 'drawer-close')) expect(batch.mutations).toHaveLength(1);
    }
    const report = api.money.reports[0];
    expect(report?.cash).toMatchObject({ salesCents: 510, expectedCents: 1_510, differenceCents: 0 });
    const view = await h.request({ v: 1, type: 'drawer' });
    expect(view.lastReport).toEqual(report);
    expect(view).toMatchObject({ closing: false, pending: 0 });
    // The payment after the close opened the next drawer implicitly.
    expect(view.drawer).toMatchObject({ openedImplicitly: true, expectedCents: 999 });
    expect(h.drawerBroadcasts().some((b) => b.drawer.lastReport?.number === 1)).toBe(true);
  });

  it('a close is not sent while an earlier payment is still out (a barrier, not a timer)', async () => {
    setup();
    await h.request({ v: 1, type: 'drawer-open', floatCents: 0 });
    await h.engine.settled();
    const orderId = await cashOrder(300);
    await h.engine.settled();
    // Both queued while the server is away, so the flush that finds them back sees them together.
    api.down = true;
    await h.request({ v: 1, type: 'pay', orderId, payment: { method: 'card', amountCents: 80 } });
    await h.request({ v: 1, type: 'drawer-close', countedCents: 300 });
    await h.engine.settled();
    let release: () => void = () => undefined;
    api.hold = new Promise((resolve) => (release = resolve));
    api.down = false;
    // The push stream is up: the server is known to be there, so the flush sends every ready head at once.
    const back = h.engine.handle({ v: 1, type: 'push-status', connected: true });
    // Let the engine run as far as it can while the payment is held at the server.
    for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(api.mutations.some((m) => m.path.endsWith('/payments'))).toBe(true);
    expect(api.mutations.some((m) => m.path === '/api/drawer/close')).toBe(false);
    expect(batches.flatMap((b) => b.mutations).some((m) => m.op === 'drawer-close')).toBe(false);
    release();
    api.hold = null;
    await back;
    await h.engine.settled();
    expect(api.mutations.at(-1)?.path).toBe('/api/drawer/close');
    const report = api.money.reports[0];
    expect(report?.byMethod).toEqual(
      expect.arrayContaining([expect.objectContaining({ method: 'card', amountCents: 80 })]),
    );
  });

  it('learns the server drawer when nothing of it is queued', async () => {
    setup();
    api.money.drawerOp('drawer-open', {
      id: '0192d2a4-6c1e-7000-8000-0000000000d1',
      deviceId: TEST_DEVICE.id,
      floatCents: 2_000,
      createdAt: '2026-11-25T08:00:00.000Z',
    });
    const first = await h.request({ v: 1, type: 'drawer' });
    expect(first.drawer).toBeNull();
    await h.engine.settled();
    expect(h.drawerBroadcasts().at(-1)?.drawer.drawer).toMatchObject({ floatCents: 2_000 });
    const second = await h.request({ v: 1, type: 'drawer' });
    expect(second.drawer).toMatchObject({ floatCents: 2_000, expectedCents: 2_000 });
  });

  it('a refused drawer intent is a dead letter that holds up nothing but its own lane', async () => {
    setup();
    // The server has a drawer open that this device does not know about yet: the open is refused (409).
    api.money.drawerOp('drawer-open', {
      id: '0192d2a4-6c1e-7000-8000-0000000000d2',
      deviceId: TEST_DEVICE.id,
      floatCents: 0,
      createdAt: '2026-11-25T08:00:00.000Z',
    });
    api.down = true;
    await h.request({ v: 1, type: 'drawer-open', floatCents: 100 });
    await cashOrder(100);
    await backOnline();
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync.needsAttention).toEqual([
      expect.objectContaining({ kind: 'drawer-open', orderNumber: 'Drawer', code: 'drawer_already_open' }),
    ]);
    expect(snapshot.sync.waiting).toBe(0);
    expect(snapshot.orders[0]).toMatchObject({ paid: false, syncState: 'saved' });
  });
});
