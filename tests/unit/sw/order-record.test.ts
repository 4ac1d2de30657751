import { describe, expect, it } from 'vitest';
import type { ClientOrder, Order } from '../../../protocol/order.ts';
import { rebase } from '../../../sw/merge.ts';
import { baseOf, toRecord } from '../../../sw/order-record.ts';
import type { OutboxEntry } from '../../../sw/db.ts';
import { createFakeApi } from './fake-api.ts';

// A server order as the fake API makes them (every field set, as the real server answers).
const base: Order = createFakeApi().remoteOrder();

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
