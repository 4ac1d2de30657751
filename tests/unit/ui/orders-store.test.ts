// The tab's active-orders mirror: snapshot, deltas and replies keep a newest-first list and queue the
// window events the list fires after rendering.
import { describe, expect, it } from 'vitest';
import type { OrdersDelta, Snapshot, SyncStatus } from '../../../protocol/messages.ts';
import type { ClientOrder } from '../../../protocol/order.ts';
import { OrdersStore } from '../../../src/orders-store.ts';
import { showUnconfirmed } from '../../../src/unconfirmed-payment.ts';

const SYNC: SyncStatus = {
  online: true,
  pushConnected: true,
  waiting: 0,
  needsAttention: [],
  lastSyncAt: null,
  storageError: null,
  auth: 'paired',
  device: { id: '0192d2a4-6c1e-7000-8000-00000000beef', name: 'Counter 1', role: 'counter', code: 'B' },
};

function order(id: string, minute: number, patch: Partial<ClientOrder> = {}): ClientOrder {
  const createdAt = `2026-11-25T08:${String(minute).padStart(2, '0')}:00.000Z`;
  return {
    id,
    number: `A-${id.padStart(3, '0')}`,
    deviceId: 'd',
    customerName: '',
    note: '',
    items: [{ menuItemId: 'tea', name: 'Tea', qty: 1, unitPriceCents: 250, note: '' }],
    totalCents: 250,
    status: 'pending',
    paid: false,
    createdAt,
    receivedAt: null,
    updatedAt: createdAt,
    seq: 0,
    syncState: 'waiting',
    ...patch,
  };
}

function snapshot(orders: ClientOrder[], rev = 1): Snapshot {
  return { orders, rev, sync: SYNC, cursor: 7, deviceId: 'd' };
}

function delta(patch: Partial<OrdersDelta>): OrdersDelta {
  return { v: 1, type: 'orders', rev: 2, added: [], updated: [], removed: [], ...patch };
}

const names = (store: OrdersStore) => store.drainEvents().map((e) => e.event.name);

describe('OrdersStore', () => {
  it('keeps active orders newest first whatever order they arrive in', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1), order('3', 3)]), 0);
    store.applyDelta(delta({ added: [order('2', 2), order('4', 4)] }), 0);
    expect(store.ids).toEqual(['4', '3', '2', '1']);
  });

  it('lists a snapshot newest first even when one order in the middle of it is out of place', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('5', 5), order('3', 3), order('4', 4), order('1', 1)]), 0);
    expect(store.ids).toEqual(['5', '4', '3', '1']);
  });

  it('fires no events for the first snapshot but does for later differences', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1), order('2', 2)]), 0);
    expect(store.drainEvents()).toEqual([]);
    store.applySnapshot(snapshot([order('2', 2, { status: 'ready' }), order('3', 3)]), 0);
    expect(names(store).sort()).toEqual(['activeOrderAdded', 'activeOrderRemoved', 'activeOrderUpdated']);
    expect(store.ids).toEqual(['3', '2']);
  });

  it('keeps unchanged orders as the same objects across a re-snapshot and fires nothing for them', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1), order('2', 2)]), 0);
    const before = store.orders.get('1');
    store.applySnapshot(snapshot([order('1', 1), order('2', 2, { paid: true })]), 0);
    expect(store.orders.get('1')).toBe(before);
    expect(store.drainEvents().map((e) => e.event)).toEqual([
      {
        name: 'activeOrderUpdated',
        detail: { order: order('2', 2, { paid: true }), changes: { paid: true } },
      },
    ]);
  });

  it('shows a reply and its later broadcast as one added event', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([]), 0);
    const placed = order('1', 1);
    store.applyReply(placed, 5);
    store.applyDelta(delta({ added: [{ ...placed }] }), 6);
    const events = store.drainEvents();
    expect(events.map((e) => e.event.name)).toEqual(['activeOrderAdded']);
    expect(events[0]!.startedAt).toBe(5);
  });

  it('ignores a reply older than what a broadcast already showed', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1)]), 0);
    store.applyDelta(delta({ updated: [{ order: order('1', 1, { status: 'ready' }), changes: {} }] }), 0);
    store.applyReply(order('1', 1, { status: 'preparing' }), 0);
    expect(store.orders.get('1')!.status).toBe('ready');
  });

  it('reports only the fields that changed in an update', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1)]), 0);
    store.applyDelta(
      delta({ updated: [{ order: order('1', 1, { paid: true }), changes: { paid: true } }] }),
      0,
    );
    const [update] = store.drainEvents();
    expect(update!.event).toEqual({
      name: 'activeOrderUpdated',
      detail: { order: order('1', 1, { paid: true }), changes: { paid: true } },
    });
  });

  it('removes an order that a reply or broadcast shows completed or cancelled', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1), order('2', 2), order('3', 3)]), 0);
    store.applyReply(order('1', 1, { status: 'completed' }), 0);
    store.applyDelta(delta({ removed: [{ orderId: '2', reason: 'cancelled' }] }), 0);
    expect(store.ids).toEqual(['3']);
    expect(store.drainEvents().map((e) => e.event.detail)).toEqual([
      { orderId: '1', reason: 'completed' },
      { orderId: '2', reason: 'cancelled' },
    ]);
  });

  it('lets a broadcast move an order back when a failed change is discarded', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1, { status: 'ready', syncState: 'attention' })]), 0);
    store.applyDelta(delta({ updated: [{ order: order('1', 1, { syncState: 'saved' }), changes: {} }] }), 0);
    expect(store.orders.get('1')!.status).toBe('pending');
  });

  it('notifies subscribers on every change', () => {
    const store = new OrdersStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.applySnapshot(snapshot([]), 0);
    store.applySync({ ...SYNC, waiting: 2 });
    expect(calls).toBe(2);
    expect(store.sync!.waiting).toBe(2);
  });
  it('tells list subscribers nothing when only the sync status changed', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1)]), 0);
    const list = store.listVersion;
    const sync = store.syncVersion;
    store.applySync({ ...SYNC, waiting: 3 });
    expect(store.listVersion).toBe(list);
    expect(store.syncVersion).toBe(sync + 1);
    expect(store.sync?.waiting).toBe(3);
  });

  it('keeps the row and the list untouched when a delta repeats what is already shown', () => {
    const store = new OrdersStore();
    store.applySnapshot(snapshot([order('1', 1, { seq: 4, syncState: 'saved' })]), 0);
    const shown = store.orders.get('1');
    const list = store.listVersion;
    store.applyDelta(
      delta({ updated: [{ order: order('1', 1, { seq: 4, syncState: 'saved' }), changes: {} }] }),
      0,
    );
    expect(store.orders.get('1')).toBe(shown);
    expect(store.listVersion).toBe(list);
    expect(store.drainEvents()).toEqual([]);
    store.applyDelta(
      delta({
        updated: [
          {
            order: order('1', 1, { seq: 5, syncState: 'saved', status: 'ready' }),
            changes: { status: 'ready' },
          },
        ],
      }),
      0,
    );
    expect(store.listVersion).toBe(list + 1);
    expect(store.orders.get('1')?.status).toBe('ready');
  });

  it('a refund reply shows at once although paid goes back to false; a reply from before a payment does not', () => {
    const payment = {
      id: 'p1',
      method: 'cash' as const,
      amountCents: 250,
      tenderedCents: 250,
      changeCents: 0,
      tipCents: 0,
      deviceId: 'd',
      createdAt: '2026-11-25T08:01:00.000Z',
      refunds: [],
    };
    const paid = order('1', 1, { payments: [payment], paidCents: 250, dueCents: 0, paid: true });
    const store = new OrdersStore();
    store.applySnapshot(snapshot([paid]), 0);
    // A stale reply (no payment yet) must not undo the payment the row shows.
    store.applyReply(order('1', 1, { payments: [], paidCents: 0, dueCents: 250 }), 0);
    expect(store.orders.get('1')?.paid).toBe(true);
    const refund = { id: 'r1', amountCents: 50, reason: 'cold', deviceId: 'd', createdAt: payment.createdAt };
    const refunded = { ...paid, payments: [{ ...payment, refunds: [refund] }], paidCents: 200, dueCents: 50 };
    store.applyReply({ ...refunded, paid: false }, 0);
    expect(store.orders.get('1')).toMatchObject({ paid: false, paidCents: 200, dueCents: 50 });
    // A re-snapshot of the same ledger keeps the row's object; a part payment (paid unchanged) replaces it.
    const shown = store.orders.get('1');
    store.applySnapshot(snapshot([{ ...refunded, paid: false }]), 0);
    expect(store.orders.get('1')).toBe(shown);
  });
  describe('showUnconfirmed (a payment before the worker answers)', () => {
    const paidView = (o: ClientOrder): ClientOrder => ({ ...o, paid: true, paidCents: 250, dueCents: 0 });

    it("shows the change at once, and the worker's reply then replaces it", () => {
      const store = new OrdersStore();
      store.applySnapshot(snapshot([order('1', 1)]), 0);
      store.drainEvents();
      const shown = paidView(order('1', 1));
      showUnconfirmed(store, shown, 5);
      expect(store.orders.get('1')).toBe(shown);
      expect(store.drainEvents().map((e) => [e.event.name, e.startedAt])).toEqual([
        ['activeOrderUpdated', 5],
      ]);
      const reply = { ...shown, syncState: 'waiting' as const, updatedAt: '2026-11-25T08:30:00.000Z' };
      store.applyReply(reply, 5);
      expect(store.orders.get('1')).toBe(reply);
    });

    it('puts the row back when the worker refuses', () => {
      const store = new OrdersStore();
      const before = order('1', 1);
      store.applySnapshot(snapshot([before]), 0);
      const undo = showUnconfirmed(store, paidView(before), 5);
      const version = store.listVersion;
      undo(9);
      expect(store.orders.get('1')).toBe(before);
      expect(store.listVersion).toBe(version + 1);
    });

    it('leaves a newer version alone when undone late', () => {
      const store = new OrdersStore();
      store.applySnapshot(snapshot([order('1', 1)]), 0);
      const undo = showUnconfirmed(store, paidView(order('1', 1)), 5);
      const newer = order('1', 1, { status: 'preparing', seq: 4 });
      store.applyDelta(delta({ updated: [{ order: newer, changes: { status: 'preparing' } }] }), 6);
      undo(9);
      expect(store.orders.get('1')).toBe(newer);
    });

    it('does nothing for an order the tab does not hold', () => {
      const store = new OrdersStore();
      store.applySnapshot(snapshot([]), 0);
      showUnconfirmed(store, paidView(order('1', 1)), 5)(9);
      expect(store.orders.size).toBe(0);
    });
  });
});
