// Payments and refunds as intents (principle 21): applied on the device at once, queued after their order's
// create, sent as `payment` / `refund` ops, idempotent by id, a 4xx becomes a dead letter.
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchRequest } from '../../../protocol/api.ts';
import type { DeviceIdentity } from '../../../protocol/messages.ts';
import { apiResponse, createHarness, draft, TEST_DEVICE, type Harness } from './engine-harness.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';

let h: Harness;
let api: FakeApi;
/** Every batch body the engine sent. */
let batches: BatchRequest[];

const OWNER: DeviceIdentity = { ...TEST_DEVICE, role: 'owner' };

function setup(options: { pairedAs?: DeviceIdentity; loseFirst?: RegExp } = {}): void {
  api = createFakeApi();
  batches = [];
  let lose = options.loseFirst;
  h = createHarness(
    async (request) => {
      if (request.url.pathname === '/api/batch') batches.push(request.body as BatchRequest);
      const response = await api.handler(request);
      // The server committed; the answer is lost on the way back (once).
      if (lose?.test(request.url.pathname)) {
        lose = undefined;
        throw new TypeError('connection reset after the server committed');
      }
      return response;
    },
    { pairedAs: options.pairedAs ?? TEST_DEVICE },
  );
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

describe('pay', () => {
  it('shows the payment at once offline: paid, nothing due, the row told in one delta', async () => {
    setup();
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const paid = await h.request({
      v: 1,
      type: 'pay',
      orderId: order.id,
      payment: { method: 'cash', amountCents: 380, tenderedCents: 500 },
    });
    expect(paid).toMatchObject({ paid: true, paidCents: 380, dueCents: 0, syncState: 'waiting' });
    expect(paid.payments).toEqual([
      expect.objectContaining({ method: 'cash', amountCents: 380, tenderedCents: 500, changeCents: 120 }),
    ]);
    expect(paid.payments?.[0]).toMatchObject({ deviceId: TEST_DEVICE.id, tipCents: 0, refunds: [] });
    const update = h.ordersDeltas().at(-1)?.updated[0];
    expect(update?.changes).toMatchObject({ paid: true, paidCents: 380, dueCents: 0 });
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders[0]).toEqual(paid);
    expect(snapshot.sync.waiting).toBe(2);
  });

  it('a part payment leaves the rest due; the second payment settles it', async () => {
    setup();
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const part = await h.request({
      v: 1,
      type: 'pay',
      orderId: order.id,
      payment: { method: 'card', amountCents: 100, tipCents: 50 },
    });
    expect(part).toMatchObject({ paid: false, paidCents: 100, dueCents: 280 });
    const rest = await h.request({
      v: 1,
      type: 'pay',
      orderId: order.id,
      payment: { method: 'cash', amountCents: 280 },
    });
    expect(rest).toMatchObject({ paid: true, paidCents: 380, dueCents: 0 });
  });

  it('is sent after its order create (per-order FIFO), once, and the server total settles it', async () => {
    setup();
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const paid = await h.request({
      v: 1,
      type: 'pay',
      orderId: order.id,
      payment: { method: 'card', amountCents: 400 },
    });
    await backOnline();
    const writes = api.mutations.map((m) => `${m.method} ${m.path}`);
    expect(writes).toEqual(['POST /api/orders', `POST /api/orders/${order.id}/payments`]);
    expect(api.maxInFlightPerOrder).toBe(1);
    const key = api.mutations[1]?.key;
    expect(key).toBe(paid.payments?.[0]?.id);
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders[0]).toMatchObject({ paid: true, dueCents: 0, syncState: 'saved' });
    expect(api.orders.get(order.id)?.payments).toHaveLength(1);
  });

  it('drains as `payment` ops in batches, keyed by the payment id', async () => {
    setup();
    api.down = true;
    const orders = [];
    for (let i = 0; i < 3; i += 1)
      orders.push(await h.request({ v: 1, type: 'create-order', draft: draft() }));
    for (const order of orders) {
      await h.request({
        v: 1,
        type: 'pay',
        orderId: order.id,
        payment: { method: 'other', amountCents: 400 },
      });
    }
    await backOnline();
    const ops = batches.flatMap((b) => b.mutations);
    const payments = ops.filter((m) => m.op === 'payment');
    expect(payments).toHaveLength(3);
    for (const m of payments) {
      expect(m).toMatchObject({ key: (m.body as { id: string }).id });
      expect('orderId' in m && orders.some((o) => o.id === m.orderId)).toBe(true);
    }
    for (const order of orders) expect(api.orders.get(order.id)).toMatchObject({ paid: true });
  });

  it('a lost answer is resent with the same key and the payment is recorded once', async () => {
    setup({ loseFirst: /\/payments$/ });
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    await h.request({ v: 1, type: 'pay', orderId: order.id, payment: { method: 'card', amountCents: 400 } });
    await h.engine.settled();
    h.clock.now += 60_000;
    h.timers.runDue();
    await h.engine.syncNow('manual');
    await h.engine.settled();
    const sends = api.mutations.filter((m) => m.path.endsWith('/payments'));
    expect(sends).toHaveLength(2);
    expect(sends[0]?.key).toBe(sends[1]?.key);
    expect(api.orders.get(order.id)?.payments).toHaveLength(1);
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders[0]?.payments).toHaveLength(1);
    expect(snapshot.sync.waiting).toBe(0);
  });

  it('a payment the server refuses (4xx) is a dead letter; Discard takes it off the order', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    api.scripted.push(
      apiResponse(400, { error: { code: 'invalid_body', message: 'amountCents: too much' } }),
    );
    await h.request({ v: 1, type: 'pay', orderId: order.id, payment: { method: 'card', amountCents: 400 } });
    await h.engine.settled();
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync.needsAttention).toEqual([
      expect.objectContaining({ kind: 'payment', orderId: order.id, code: 'invalid_body', httpStatus: 400 }),
    ]);
    expect(snapshot.orders[0]).toMatchObject({ paid: true, syncState: 'attention' });
    const letter = snapshot.sync.needsAttention[0]!;
    await h.request({ v: 1, type: 'discard', mutationId: letter.mutationId });
    const after = await h.request({ v: 1, type: 'hello' });
    expect(after.orders[0]).toMatchObject({ paid: false, syncState: 'saved' });
    expect(after.sync.needsAttention).toEqual([]);
  });

  it('refuses a malformed draft on the device (nothing queued)', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    for (const payment of [
      { method: 'cash', amountCents: 0 },
      { method: 'card', amountCents: 100, tenderedCents: 200 },
      { method: 'cash', amountCents: 100, tenderedCents: 50 },
      { method: 'cash', amountCents: 100, tipCents: 10 },
      { method: 'cheque', amountCents: 100 },
      { method: 'card', amountCents: 1.5 },
    ]) {
      const reply = await h.engine.handle({
        v: 1,
        type: 'pay',
        orderId: order.id,
        payment: payment as never,
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders[0]?.payments).toEqual([]);
  });
});

describe('refund', () => {
  it('only the owner refunds; never more than is left of the payment', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const paid = await h.request({
      v: 1,
      type: 'pay',
      orderId: order.id,
      payment: { method: 'card', amountCents: 400 },
    });
    const paymentId = paid.payments?.[0]?.id ?? '';
    const reply = await h.engine.handle({
      v: 1,
      type: 'refund',
      orderId: order.id,
      paymentId,
      amountCents: 100,
      reason: 'cold',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a refund shows `Refund due` logic at once and reaches the server after its payment', async () => {
    setup({ pairedAs: OWNER });
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const paid = await h.request({
      v: 1,
      type: 'pay',
      orderId: order.id,
      payment: { method: 'cash', amountCents: 380 },
    });
    const paymentId = paid.payments?.[0]?.id ?? '';
    const tooMuch = await h.engine.handle({
      v: 1,
      type: 'refund',
      orderId: order.id,
      paymentId,
      amountCents: 381,
      reason: 'cold',
    });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'refund_exceeds_payment' } });
    const refunded = await h.request({
      v: 1,
      type: 'refund',
      orderId: order.id,
      paymentId,
      amountCents: 80,
      reason: 'cold',
    });
    expect(refunded).toMatchObject({ paid: false, paidCents: 300, dueCents: 80 });
    expect(refunded.payments?.[0]?.refunds).toEqual([
      expect.objectContaining({ amountCents: 80, reason: 'cold', deviceId: OWNER.id }),
    ]);
    const cancelled = await h.request({ v: 1, type: 'set-status', id: order.id, status: 'cancelled' });
    expect(cancelled).toMatchObject({ dueCents: -300, paid: true });
    await backOnline();
    const writes = api.mutations.map((m) => `${m.method} ${m.path}`);
    expect(writes.slice(0, 3)).toEqual([
      'POST /api/orders',
      `POST /api/orders/${order.id}/payments`,
      `POST /api/orders/${order.id}/refunds`,
    ]);
    expect(api.orders.get(order.id)?.payments?.[0]?.refunds).toHaveLength(1);
  });
});
