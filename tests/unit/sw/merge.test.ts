// Rebase: server base replaced by newer state, pending local mutations re-applied forward-only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientOrder, Order, OrderStatus } from '../../../protocol/order.ts';
import { ORDER_STATUSES } from '../../../protocol/order.ts';
import type { OutboxEntry, OutboxPayload } from '../../../sw/db.ts';
import { describeChange, isNewerServerState, rebase } from '../../../sw/merge.ts';

const base: Order = {
  id: '0190f0a0-0000-7000-8000-000000000001',
  number: 'B-001',
  deviceId: '0190f0a0-0000-7000-8000-0000000000d1',
  customerName: 'Ada',
  note: '',
  items: [{ menuItemId: 'flat-white', name: 'Flat white', qty: 1, unitPriceCents: 380, note: '' }],
  totalCents: 380,
  status: 'pending',
  paid: false,
  createdAt: '2026-11-25T09:00:00.000Z',
  receivedAt: '2026-11-25T09:00:00.010Z',
  updatedAt: '2026-11-25T09:00:00.010Z',
  seq: 3,
};

let n = 0;
function entry(payload: OutboxPayload, state: OutboxEntry['state'] = 'waiting'): OutboxEntry {
  n += 1;
  return {
    seq: n,
    mutationId: `m-${n}`,
    orderId: base.id,
    orderNumber: base.number,
    kind: payload.kind,
    payload,
    createdAt: base.createdAt,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    state,
    deadLetter: null,
  };
}
const status = (s: OrderStatus, state: OutboxEntry['state'] = 'waiting') =>
  entry({ kind: 'status', status: s }, state);

describe('rebase', () => {
  it('nothing flickers back: a pending local ready over a server preparing shows ready', () => {
    const view = rebase({ ...base, status: 'preparing', seq: 7 }, [status('ready')]);
    expect(view?.status).toBe('ready');
    expect(view?.seq).toBe(7);
    expect(view?.syncState).toBe('waiting');
  });

  it('a stale local move under a newer server state is a no-op', () => {
    expect(rebase({ ...base, status: 'ready' }, [status('preparing')])?.status).toBe('ready');
  });

  it('paid is an OR of the server and pending marks', () => {
    expect(rebase(base, [entry({ kind: 'paid' })])?.paid).toBe(true);
    expect(rebase({ ...base, paid: true }, [])?.paid).toBe(true);
  });

  it('an unconfirmed order is the optimistic create with later mutations on top', () => {
    const optimistic: ClientOrder = { ...base, seq: 0, receivedAt: null, syncState: 'waiting' };
    const create = entry({
      kind: 'create',
      body: { id: base.id, number: 'B-001', deviceId: base.deviceId, createdAt: base.createdAt, items: [] },
      optimistic,
    });
    const view = rebase(null, [create, status('preparing'), entry({ kind: 'paid' })]);
    expect(view).toMatchObject({
      status: 'preparing',
      paid: true,
      seq: 0,
      receivedAt: null,
      syncState: 'waiting',
    });
  });

  it('once the server has the order its state wins over the optimistic copy', () => {
    const optimistic: ClientOrder = {
      ...base,
      totalCents: 1,
      seq: 0,
      receivedAt: null,
      syncState: 'waiting',
    };
    const create = entry({
      kind: 'create',
      body: { id: base.id, number: 'B-001', deviceId: base.deviceId, createdAt: base.createdAt, items: [] },
      optimistic,
    });
    expect(rebase(base, [create])?.totalCents).toBe(380);
  });

  it('with nothing pending the view is the server state, saved', () => {
    expect(rebase(base, [])).toEqual({ ...base, syncState: 'saved' });
  });

  it('a dead letter marks the order as needing attention', () => {
    expect(rebase(base, [status('ready', 'dead')])?.syncState).toBe('attention');
  });

  it('no base and no create means the order is gone', () => {
    expect(rebase(null, [])).toBeNull();
  });

  it('applying the same pending moves in any order over any base ends in the same status (a max)', () => {
    const statusArb = fc.constantFrom(...ORDER_STATUSES);
    fc.assert(
      fc.property(statusArb, fc.array(statusArb, { maxLength: 5 }), (server, moves) => {
        const a = rebase(
          { ...base, status: server },
          moves.map((s) => status(s)),
        );
        const b = rebase(
          { ...base, status: server },
          [...moves].reverse().map((s) => status(s)),
        );
        // Forward-only: the result never ranks below the server's status.
        if (server === 'completed' || server === 'cancelled') expect(a?.status).toBe(server);
        if (!moves.includes('cancelled')) expect(a?.status).toBe(b?.status);
      }),
    );
  });
});

describe('isNewerServerState', () => {
  it('never goes back to an older or equal seq', () => {
    expect(isNewerServerState({ ...base, seq: 5 }, { ...base, seq: 4 })).toBe(false);
    expect(isNewerServerState({ ...base, seq: 5 }, { ...base, seq: 5 })).toBe(false);
    expect(isNewerServerState({ ...base, seq: 5 }, { ...base, seq: 6 })).toBe(true);
    expect(isNewerServerState(null, base)).toBe(true);
  });
});

describe('describeChange', () => {
  const view: ClientOrder = { ...base, syncState: 'saved' };

  it('an order entering the active set is added', () => {
    expect(describeChange(base.id, null, view)).toEqual({ type: 'added', order: view });
  });

  it('an update carries only the changed fields', () => {
    const after = { ...view, status: 'ready' as const, seq: 9 };
    expect(describeChange(base.id, view, after)).toEqual({
      type: 'updated',
      order: after,
      changes: { status: 'ready', seq: 9 },
    });
  });

  it('an identical view is no change at all', () => {
    expect(describeChange(base.id, view, { ...view })).toBeNull();
  });

  it('leaving the active set is a removal named for the final status', () => {
    expect(describeChange(base.id, view, { ...view, status: 'completed' })).toEqual({
      type: 'removed',
      orderId: base.id,
      reason: 'completed',
    });
    expect(describeChange(base.id, view, { ...view, status: 'cancelled' })).toEqual({
      type: 'removed',
      orderId: base.id,
      reason: 'cancelled',
    });
  });

  it('a vanished order is removed with the given reason', () => {
    expect(describeChange(base.id, view, null)).toEqual({
      type: 'removed',
      orderId: base.id,
      reason: 'discarded',
    });
  });
});

describe('rebase: money (principle 21)', () => {
  const ledgered: Order = { ...base, payments: [], paidCents: 0, dueCents: 380 };
  const payment = (id: string, amountCents: number): OutboxPayload => ({
    kind: 'payment',
    body: { id, method: 'card', amountCents, deviceId: base.deviceId, createdAt: base.createdAt },
  });

  it('a payment already in the base (a lost answer replayed) counts once', () => {
    const pending = [entry(payment('0190f0a0-0000-7000-8000-0000000000a1', 200))];
    const once = rebase(ledgered, pending);
    const serverHasIt = {
      ...ledgered,
      payments: once?.payments ?? [],
      paidCents: 200,
      dueCents: 180,
      seq: 4,
    };
    expect(rebase(serverHasIt, pending)).toMatchObject({ paidCents: 200, dueCents: 180, paid: false });
    expect(rebase(serverHasIt, pending)?.payments).toHaveLength(1);
  });

  it('a cancel makes the paid amount a refund due; mark-paid pays only the balance', () => {
    const paidPart = rebase(ledgered, [entry(payment('0190f0a0-0000-7000-8000-0000000000a2', 100))]);
    expect(paidPart).toMatchObject({ paidCents: 100, dueCents: 280, paid: false });
    const marked = rebase(ledgered, [
      entry(payment('0190f0a0-0000-7000-8000-0000000000a3', 100)),
      entry({ kind: 'paid' }),
    ]);
    expect(marked).toMatchObject({ paidCents: 380, dueCents: 0, paid: true });
    expect(marked?.payments?.at(-1)).toMatchObject({ method: 'other', amountCents: 280 });
    const cancelled = rebase(ledgered, [
      entry(payment('0190f0a0-0000-7000-8000-0000000000a4', 380)),
      entry({ kind: 'status', status: 'cancelled' }),
    ]);
    expect(cancelled).toMatchObject({ status: 'cancelled', dueCents: -380, paid: true });
  });

  it('a payment changes the row: paid, paidCents, dueCents and payments are in the delta', () => {
    const before = rebase(ledgered, [])!;
    const after = rebase(ledgered, [entry(payment('0190f0a0-0000-7000-8000-0000000000a5', 50))])!;
    const change = describeChange(base.id, before, after);
    expect(change).toMatchObject({ type: 'updated', changes: { paidCents: 50, dueCents: 330 } });
    expect(change?.type === 'updated' && change.changes.payments).toHaveLength(1);
  });
});
