// POST /api/orders/:id/payments and /refunds (DESIGN.md Part 3, principle 21): money is recorded whatever the
// order's state, idempotent by id, refunds bounded by what is left; bad input is a 4xx that writes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import { pairDevice, type PairedDevice } from './device-fixtures.ts';
import { cashBody, pay, paymentBody, refund, refundBody, TILL_ID } from './money-fixtures.ts';
import {
  OWNER_AUTH,
  createBody,
  memoryApp,
  patchOrder,
  postOrder,
  uuidv7,
  type TestApp,
} from './order-fixtures.ts';

let t: TestApp;
let counter: PairedDevice;
let kitchen: PairedDevice;
beforeAll(async () => {
  t = await memoryApp();
  counter = await pairDevice(t.app, 'counter');
  kitchen = await pairDevice(t.app, 'kitchen');
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function newOrder(): Promise<Order> {
  const res = await postOrder(t.app, createBody());
  expect(res.statusCode).toBe(201);
  return res.json<Order>();
}

async function stored(id: string): Promise<Order> {
  return (await t.app.inject({ url: `/api/orders/${id}`, headers: OWNER_AUTH })).json<Order>();
}

describe('POST /api/orders/:id/payments', () => {
  it('records a cash payment with its change, bumps seq and derives paid', async () => {
    const order = await newOrder();
    const body = cashBody(order.totalCents, order.totalCents + 250);
    const res = await pay(t.app, order.id, body);
    expect(res.statusCode).toBe(201);
    const paid = res.json<Order>();
    expect(paid.seq).toBeGreaterThan(order.seq);
    expect(paid.payments).toEqual([
      expect.objectContaining({
        id: body.id,
        method: 'cash',
        tenderedCents: body.tenderedCents,
        changeCents: 250,
      }),
    ]);
    expect(paid).toMatchObject({ paidCents: order.totalCents, dueCents: 0, paid: true });
    expect(await stored(order.id)).toEqual(paid);
  });

  it('a part payment leaves the rest due; a second one settles it', async () => {
    const order = await newOrder();
    const first = (await pay(t.app, order.id, paymentBody({ amountCents: 100 }))).json<Order>();
    expect(first).toMatchObject({ paidCents: 100, dueCents: order.totalCents - 100, paid: false });
    const second = await pay(
      t.app,
      order.id,
      paymentBody({ amountCents: order.totalCents - 100, tipCents: 50 }),
    );
    expect(second.json<Order>()).toMatchObject({ paidCents: order.totalCents, dueCents: 0, paid: true });
  });

  it('is idempotent by id: same body 200 with the current order, another body 422', async () => {
    const order = await newOrder();
    const body = paymentBody({ amountCents: 100 });
    const first = await pay(t.app, order.id, body);
    expect(first.statusCode).toBe(201);
    const again = await pay(t.app, order.id, body);
    expect(again.statusCode).toBe(200);
    expect(again.json<Order>()).toEqual(first.json<Order>());
    const other = await pay(t.app, order.id, { ...body, amountCents: 101 });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_mismatch');
    expect((await stored(order.id)).payments).toHaveLength(1);
  });

  it('records payments on a cancelled order and on one paid twice: a refund is due', async () => {
    const order = await newOrder();
    await pay(t.app, order.id, paymentBody({ amountCents: order.totalCents }));
    const twice = await pay(t.app, order.id, paymentBody({ amountCents: order.totalCents }));
    expect(twice.statusCode).toBe(201);
    expect(twice.json<Order>()).toMatchObject({ dueCents: -order.totalCents, paid: true });

    const cancelled = await newOrder();
    expect((await patchOrder(t.app, cancelled.id, { status: 'cancelled' })).statusCode).toBe(200);
    const res = await pay(t.app, cancelled.id, paymentBody({ amountCents: 300 }));
    expect(res.statusCode).toBe(201);
    expect(res.json<Order>()).toMatchObject({ status: 'cancelled', paidCents: 300, dueCents: -300 });
  });

  it('refuses bad input with a coded 4xx and writes nothing', async () => {
    const order = await newOrder();
    const cases: [unknown, number, string][] = [
      [paymentBody({ amountCents: 0 }), 400, 'invalid_body'],
      [paymentBody({ amountCents: 1.5 }), 400, 'invalid_body'],
      [paymentBody({ method: 'bitcoin' }), 400, 'invalid_body'],
      [cashBody(500, 400), 400, 'invalid_body'],
      [paymentBody({ tenderedCents: 600 }), 400, 'invalid_body'],
      [cashBody(500, 500, { tipCents: 10 }), 400, 'invalid_body'],
      [paymentBody({ extra: 1 }), 400, 'invalid_body'],
      [paymentBody({ createdAt: '2099-01-01T00:00:00Z' }), 400, 'invalid_body'],
      ['nope', 400, 'invalid_body'],
    ];
    for (const [body, status, code] of cases) {
      const res = await pay(t.app, order.id, body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const body = paymentBody();
    const wrongKey = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${order.id}/payments`,
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': uuidv7() },
      payload: JSON.stringify(body),
    });
    expect([wrongKey.statusCode, wrongKey.json().error.code]).toEqual([400, 'invalid_idempotency_key']);
    const unknown = await pay(t.app, uuidv7(), paymentBody());
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'not_found']);
    expect(await stored(order.id)).toEqual(order);
  });

  it('a counter pays only as itself; a kitchen never pays', async () => {
    const order = await newOrder();
    const mine = await pay(t.app, order.id, paymentBody({ deviceId: counter.id }), counter.auth);
    expect(mine.statusCode).toBe(201);
    const other = await pay(t.app, order.id, paymentBody({ deviceId: TILL_ID }), counter.auth);
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'device_mismatch']);
    const cook = await pay(t.app, order.id, paymentBody({ deviceId: kitchen.id }), kitchen.auth);
    expect(cook.statusCode).toBe(403);
    expect((await stored(order.id)).payments).toHaveLength(1);
  });

  it('PATCH {paid: true} records a payment of the balance with method other', async () => {
    const order = await newOrder();
    await pay(t.app, order.id, paymentBody({ amountCents: 100 }));
    const res = await patchOrder(t.app, order.id, { paid: true });
    expect(res.statusCode).toBe(200);
    const paid = res.json<Order>();
    expect(paid.payments?.[1]).toMatchObject({ method: 'other', amountCents: order.totalCents - 100 });
    expect(paid).toMatchObject({ paid: true, dueCents: 0 });
  });
});

describe('POST /api/orders/:id/refunds', () => {
  it('refunds part of a payment; paid goes back to false; never more than is left', async () => {
    const order = await newOrder();
    const payment = paymentBody({ amountCents: order.totalCents });
    await pay(t.app, order.id, payment);
    const res = await refund(t.app, order.id, refundBody(payment.id, 100));
    expect(res.statusCode).toBe(201);
    const refunded = res.json<Order>();
    expect(refunded).toMatchObject({ paidCents: order.totalCents - 100, dueCents: 100, paid: false });
    expect(refunded.payments?.[0]?.refunds).toEqual([
      expect.objectContaining({ amountCents: 100, reason: 'Cold coffee' }),
    ]);
    const over = await refund(t.app, order.id, refundBody(payment.id, order.totalCents));
    expect([over.statusCode, over.json().error.code]).toEqual([422, 'refund_exceeds_payment']);
    expect(await stored(order.id)).toEqual(refunded);
  });

  it('the refund due after a double payment is refunded to zero', async () => {
    const order = await newOrder();
    const a = paymentBody({ amountCents: order.totalCents });
    await pay(t.app, order.id, a);
    await pay(t.app, order.id, paymentBody({ amountCents: order.totalCents }));
    const res = await refund(t.app, order.id, refundBody(a.id, order.totalCents));
    expect(res.json<Order>()).toMatchObject({ paidCents: order.totalCents, dueCents: 0, paid: true });
  });

  it('names a payment of this order, only the owner refunds, and replays are idempotent', async () => {
    const order = await newOrder();
    const payment = paymentBody({ amountCents: 300 });
    await pay(t.app, order.id, payment);
    const elsewhere = await newOrder();
    const wrong = await refund(t.app, elsewhere.id, refundBody(payment.id, 100));
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([422, 'unknown_payment']);
    const byCounter = await refund(
      t.app,
      order.id,
      refundBody(payment.id, 100, { deviceId: counter.id }),
      counter.auth,
    );
    expect(byCounter.statusCode).toBe(403);
    const bad = await refund(t.app, order.id, refundBody(payment.id, 100, { reason: '' }));
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_body']);
    const body = refundBody(payment.id, 100);
    expect((await refund(t.app, order.id, body)).statusCode).toBe(201);
    expect((await refund(t.app, order.id, body)).statusCode).toBe(200);
    const other = await refund(t.app, order.id, { ...body, amountCents: 50 });
    expect([other.statusCode, other.json().error.code]).toEqual([422, 'idempotency_mismatch']);
    expect((await stored(order.id)).payments?.[0]?.refunds).toHaveLength(1);
    expect((await stored(elsewhere.id)).seq).toBe(elsewhere.seq);
  });
});

describe('GET /api/reports/day, money', () => {
  it('lists payments by method with tips and refunds on their local date, and the refund due', async () => {
    const fresh = await memoryApp();
    try {
      const order = (
        await postOrder(fresh.app, createBody({ createdAt: new Date().toISOString() }))
      ).json<Order>();
      const cash = cashBody(order.totalCents, order.totalCents + 100);
      await pay(fresh.app, order.id, cash);
      await pay(fresh.app, order.id, paymentBody({ amountCents: 300, tipCents: 40 }));
      await refund(fresh.app, order.id, refundBody(cash.id, 50));
      const date = new Date().toISOString().slice(0, 10);
      const res = await fresh.app.inject({
        url: `/api/reports/day?date=${date}&tz=UTC`,
        headers: OWNER_AUTH,
      });
      expect(res.statusCode).toBe(200);
      const report = res.json<{ payments: unknown[]; refundDueCents: number }>();
      expect(report.payments).toEqual([
        { method: 'cash', count: 1, amountCents: order.totalCents, tipsCents: 0, refundsCents: 50 },
        { method: 'card', count: 1, amountCents: 300, tipsCents: 40, refundsCents: 0 },
        { method: 'other', count: 0, amountCents: 0, tipsCents: 0, refundsCents: 0 },
      ]);
      // Paid total + 300, refunded 50: 250 still to give back.
      expect(report.refundDueCents).toBe(250);
    } finally {
      await fresh.close();
    }
  }, 120_000); // a fresh database of its own: ~2.5 s idle, far more on a loaded machine
});

describe('push', () => {
  it('a payment and a refund are published to subscribers like any order change', async () => {
    const order = await newOrder();
    const seen: Order[] = [];
    const stop = t.store.subscribe((batch) => seen.push(...batch.orders));
    try {
      const payment = paymentBody({ amountCents: 200 });
      await pay(t.app, order.id, payment);
      await refund(t.app, order.id, refundBody(payment.id, 50));
      await pay(t.app, order.id, payment); // a replay publishes nothing
    } finally {
      stop();
    }
    expect(seen.map((o) => [o.id, o.paidCents])).toEqual([
      [order.id, 200],
      [order.id, 150],
    ]);
  });
});
