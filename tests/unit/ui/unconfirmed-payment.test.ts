// The row's payment before the worker's reply: the same paid / due / change the worker's recompute gives.
import { describe, expect, it } from 'vitest';
import type { ClientOrder } from '../../../protocol/order.ts';
import { paymentState } from '../../../protocol/payment-state.ts';
import { withUnconfirmedPayment } from '../../../src/unconfirmed-payment.ts';

const AT = '2026-12-06T10:00:00.000Z';
const order: ClientOrder = {
  id: 'o1',
  number: 'A-001',
  deviceId: 'd1',
  customerName: '',
  note: '',
  items: [{ menuItemId: 'tea', name: 'Tea', qty: 2, unitPriceCents: 450, note: '' }],
  totalCents: 900,
  status: 'pending',
  paid: false,
  payments: [],
  paidCents: 0,
  dueCents: 900,
  createdAt: AT,
  receivedAt: null,
  updatedAt: AT,
  seq: 0,
  syncState: 'waiting',
};

describe('withUnconfirmedPayment', () => {
  it('a part payment leaves the rest due', () => {
    const next = withUnconfirmedPayment(order, { method: 'card', amountCents: 400, tipCents: 50 }, 'd2', AT);
    expect([next.paidCents, next.dueCents, next.paid, paymentState(next)]).toEqual([
      400,
      500,
      false,
      'part-paid',
    ]);
    expect(next.payments?.[0]).toMatchObject({
      method: 'card',
      tipCents: 50,
      deviceId: 'd2',
      tenderedCents: null,
    });
    expect(order.payments).toEqual([]);
  });

  it('cash of the whole due records its change and reads Paid', () => {
    const next = withUnconfirmedPayment(
      order,
      { method: 'cash', amountCents: 900, tenderedCents: 1000 },
      'd2',
      AT,
    );
    expect([next.paid, next.dueCents, paymentState(next)]).toEqual([true, 0, 'paid']);
    expect(next.payments?.[0]).toMatchObject({ tenderedCents: 1000, changeCents: 100 });
  });

  it('a second payment beyond the due reads Refund due', () => {
    const once = withUnconfirmedPayment(order, { method: 'other', amountCents: 900 }, 'd2', AT);
    const twice = withUnconfirmedPayment(once, { method: 'other', amountCents: 900 }, 'd3', AT);
    expect([twice.paidCents, twice.dueCents, paymentState(twice)]).toEqual([1800, -900, 'refund-due']);
  });
});
