import { describe, expect, it } from 'vitest';
import type { ClientOrder, Order } from '../../../protocol/order.ts';
import { rebase } from '../../../sw/merge.ts';
import { baseOf, toRecord } from '../../../sw/order-record.ts';
import type { OutboxEntry } from '../../../sw/db.ts';

const base: Order = {
  id: '0190f0a0-0000-7000-8000-000000000001',
  number: 'A-001',
  deviceId: '0190f0a0-0000-7000-8000-0000000000aa',
  customerName: 'Ada',
  note: '',
  items: [{ menuItemId: 'flat-white', name: 'Flat white', qty: 1, unitPriceCents: 380, note: '' }],
  totalCents: 380,
  status: 'pending',
  paid: false,
  createdAt: '2026-12-02T08:00:00.000Z',
  receivedAt: '2026-12-02T08:00:00.100Z',
  updatedAt: '2026-12-02T08:00:00.100Z',
  seq: 7,
};

const statusEntry = (status: 'preparing'): OutboxEntry =>
  ({
    seq: 1,
    orderId: base.id,
    mutationId: 'm1',
    kind: 'status',
    payload: { kind: 'status', status },
    state: 'waiting',
  }) as unknown as OutboxEntry;

describe('order records', () => {
  it('store a saved order once, and give its base back equal to the server order', () => {
    const view = rebase(base, []) as ClientOrder;
    const record = toRecord(base, view);
    expect('base' in record).toBe(false);
    expect(baseOf(structuredClone(record))).toEqual(base);
    expect(record.active).toBe(1);
  });

  it('keep the base beside the view while a change is pending, and null before the server confirmed it', () => {
    const view = rebase(base, [statusEntry('preparing')]) as ClientOrder;
    const pending = toRecord(base, view);
    expect(pending.base).toEqual(base);
    expect(baseOf(pending)).toBe(base);
    const local = toRecord(null, { ...view, receivedAt: null, seq: 0, syncState: 'waiting' });
    expect(baseOf(local)).toBeNull();
  });

  it('keep the base when the view differs from it in any field, even while saved', () => {
    const view: ClientOrder = { ...base, status: 'ready', syncState: 'saved' };
    expect(baseOf(toRecord(base, view))).toEqual(base);
  });
});
