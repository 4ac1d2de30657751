// The discount change on the device (#21): the estimate applied at once with protocol/pricing.ts, re-applied
// over each server answer by rebase until its own lands, and sent as a `patch` op of the batch.
import { describe, expect, it } from 'vitest';
import type { ClientOrder, Order } from '../../../protocol/order.ts';
import type { TaxRate } from '../../../protocol/menu.ts';
import type { OutboxEntry } from '../../../sw/db.ts';
import { applyDiscountChange, type DiscountPayload } from '../../../sw/discount-intent.ts';
import { rebase } from '../../../sw/merge.ts';
import { mutationFor } from '../../../sw/outbox-batch.ts';
import { requestFor } from '../../../sw/outbox-flush.ts';

const RATES: TaxRate[] = [
  { id: 'food', name: 'Food', rateBasisPoints: 700 },
  { id: 'drinks', name: 'Drinks', rateBasisPoints: 1900 },
];
const STAFF = { id: 'staff', name: 'Staff 10%', kind: 'percent' as const, value: 1000 };

const base: Order = {
  id: '0192d2a4-6c1e-7000-8000-000000000001',
  number: 'B-001',
  deviceId: '0192d2a4-6c1e-7000-8000-0000000000d1',
  customerName: 'Ada',
  note: '',
  items: [
    {
      menuItemId: 'flat-white',
      qty: 2,
      note: '',
      name: 'Flat white',
      unitPriceCents: 380,
      options: [],
      taxRate: 'drinks',
      lineTotalCents: 760,
    },
    {
      menuItemId: 'croissant',
      qty: 1,
      note: '',
      name: 'Croissant',
      unitPriceCents: 255,
      options: [],
      taxRate: 'food',
      lineTotalCents: 255,
    },
  ],
  subtotalCents: 1015,
  discount: null,
  taxes: [],
  totalCents: 1015,
  payments: [],
  paidCents: 0,
  dueCents: 1015,
  status: 'pending',
  paid: false,
  createdAt: '2026-12-06T08:00:00.000Z',
  receivedAt: '2026-12-06T08:00:00.100Z',
  updatedAt: '2026-12-06T08:00:00.100Z',
  seq: 3,
};

function entry(payload: DiscountPayload, mutationId = 'm-1'): OutboxEntry {
  return {
    mutationId,
    orderId: base.id,
    orderNumber: base.number,
    kind: 'discount',
    payload,
    createdAt: '2026-12-06T08:01:00.000Z',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    state: 'waiting',
    deadLetter: null,
    seq: 7,
  };
}

const setStaff: DiscountPayload = {
  kind: 'discount',
  discount: 'staff',
  preset: STAFF,
  pricing: { pricesIncludeTax: true, taxRates: RATES },
};

describe('applyDiscountChange', () => {
  it('prices the lines with the preset as the pricing module does (checked by hand)', () => {
    const view = applyDiscountChange({ ...base, syncState: 'saved' }, setStaff);
    // 10 % of 10.15 = 1.015 → 1.02 (half away from zero); shares by largest remainder: drinks 0.76, food 0.26.
    expect(view.discount).toEqual({ id: 'staff', name: 'Staff 10%', amountCents: 102 });
    expect(view.subtotalCents).toBe(1015);
    expect(view.totalCents).toBe(913);
    expect(view.dueCents).toBe(913);
    expect(view.taxes?.map((t) => [t.rate, t.grossCents])).toEqual([
      ['food', 229],
      ['drinks', 684],
    ]);
  });

  it('removing prices without a discount; an unknown preset or no menu leaves the order as it is', () => {
    const discounted = applyDiscountChange({ ...base, syncState: 'saved' }, setStaff);
    const removed = applyDiscountChange(discounted, { ...setStaff, discount: null, preset: null });
    expect(removed).toMatchObject({ discount: null, totalCents: 1015, dueCents: 1015 });
    const view: ClientOrder = { ...base, syncState: 'saved' };
    expect(applyDiscountChange(view, { ...setStaff, preset: null })).toBe(view);
    expect(applyDiscountChange(view, { ...setStaff, pricing: null })).toBe(view);
  });
});

describe('rebase with a queued discount change', () => {
  it('shows the discount over the server base until the server answers, then the server wins', () => {
    const pending = rebase(base, [entry(setStaff)]);
    expect(pending).toMatchObject({ discount: { id: 'staff' }, totalCents: 913, syncState: 'waiting' });
    // A newer base without the discount (another device moved the status) keeps the local change on top.
    const moved = rebase({ ...base, status: 'preparing', seq: 4 }, [entry(setStaff)]);
    expect(moved).toMatchObject({ status: 'preparing', discount: { id: 'staff' }, totalCents: 913 });
    // The server's answer: its own pricing (another menu version, say), nothing pending.
    const confirmed = rebase(
      { ...base, discount: { id: 'staff', name: 'Staff', amountCents: 100 }, totalCents: 915, seq: 5 },
      [],
    );
    expect(confirmed).toMatchObject({ totalCents: 915, syncState: 'saved' });
  });
});

describe('on the wire', () => {
  it('is a patch op in a batch, and a PATCH of the order alone', () => {
    expect(mutationFor(entry(setStaff))).toEqual({
      op: 'patch',
      key: 'm-1',
      orderId: base.id,
      body: { discount: 'staff' },
    });
    expect(requestFor(entry({ ...setStaff, discount: null, preset: null }))).toMatchObject({
      method: 'PATCH',
      path: `/api/orders/${base.id}`,
      idempotencyKey: 'm-1',
      body: { discount: null },
    });
  });
});
