// The tab's in-memory mirror of the active orders (the seed's ActiveOrdersCache, page side): a Map plus
// a newest-first id list, fed only by what the SW sends. Queues the window events to fire after render.
import { compareNewestFirst, isActive, type ClientOrder, type OrderStatus } from '../protocol/order.ts';
import type {
  ActiveOrderEvents,
  OrdersDelta,
  RemovalReason,
  Snapshot,
  SyncStatus,
} from '../protocol/messages.ts';

export type ActiveOrderEvent = {
  [K in keyof ActiveOrderEvents]: { name: K; detail: ActiveOrderEvents[K] };
}[keyof ActiveOrderEvents];

/** A change waiting to be shown: `startedAt` is when it arrived (or when the user clicked). */
export interface PendingEvent {
  event: ActiveOrderEvent;
  startedAt: number;
}

const STATUS_RANK: Record<OrderStatus, number> = {
  pending: 0,
  preparing: 1,
  ready: 2,
  completed: 3,
  cancelled: 3,
};

/** How many money events the order has seen: payments and refunds only ever accumulate (principle 21). */
function ledgerSize(order: ClientOrder): number {
  return (order.payments ?? []).reduce((n, p) => n + 1 + p.refunds.length, 0);
}

/** True when `next` would move `current` backwards: a stale reply racing a newer broadcast. */
function isOlder(next: ClientOrder, current: ClientOrder): boolean {
  if (STATUS_RANK[next.status] < STATUS_RANK[current.status]) return true;
  const ledger = ledgerSize(next) - ledgerSize(current);
  if (ledger !== 0) return ledger < 0;
  // Same ledger: `paid` goes back only with a refund (which grows the ledger), never on its own.
  return current.paid && !next.paid;
}

/** Same server version and same local state: every field the SW can change is covered by these. */
function sameVersion(a: ClientOrder, b: ClientOrder): boolean {
  return (
    a.seq === b.seq &&
    a.updatedAt === b.updatedAt &&
    a.status === b.status &&
    a.paid === b.paid &&
    a.paidCents === b.paidCents &&
    a.dueCents === b.dueCents &&
    ledgerSize(a) === ledgerSize(b) &&
    a.syncState === b.syncState &&
    a.receivedAt === b.receivedAt &&
    a.totalCents === b.totalCents &&
    a.number === b.number
  );
}

function changedFields(prev: ClientOrder, next: ClientOrder): Partial<ClientOrder> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ClientOrder)[]) {
    if (key === 'items' || key === 'payments') {
      if (JSON.stringify(prev[key]) !== JSON.stringify(next[key])) changes[key] = next[key];
    } else if (prev[key] !== next[key]) {
      changes[key] = next[key];
    }
  }
  return changes as Partial<ClientOrder>;
}

export class OrdersStore {
  readonly orders = new Map<string, ClientOrder>();
  /** Active order ids, newest first. */
  ids: string[] = [];
  sync: SyncStatus | null = null;
  /** Highest server seq the SW has applied, from the latest snapshot. */
  cursor = 0;
  /** The id this browser pairs with (the paired identity's, or a pre-pairing one); null if it never had one. */
  deviceId: string | null = null;
  /** Bumped when the list (orders or their order) changed: the list re-renders only then. */
  listVersion = 0;
  /** Bumped when the sync status changed: a `waiting` count ticking down must not re-render 1,000 rows. */
  syncVersion = 0;
  private pending: PendingEvent[] = [];
  private listeners = new Set<() => void>();
  private hydrated = false;

  /** True once the first snapshot has arrived (before that, an empty list means "not loaded yet"). */
  get isHydrated(): boolean {
    return this.hydrated;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces everything with a snapshot; after the first one, the differences become events. */
  applySnapshot(snapshot: Snapshot, startedAt: number): void {
    const next = new Map<string, ClientOrder>();
    // One pass over the snapshot builds the map and the id list: the SW sends it newest first, so the sort
    // below runs only if it ever does not (10,000 orders at a cold start make every extra pass count).
    const ids: string[] = [];
    let sorted = true;
    let previous: ClientOrder | undefined;
    for (const order of snapshot.orders) {
      if (!isActive(order)) continue;
      if (previous !== undefined && compareNewestFirst(previous, order) > 0) sorted = false;
      previous = order;
      ids.push(order.id);
      const current = this.orders.get(order.id);
      // Keep the object the rows already show when nothing changed, so a re-snapshot (every time the
      // tab becomes visible) re-renders only the rows that really moved.
      next.set(order.id, current && sameVersion(current, order) ? current : order);
    }
    if (this.hydrated) {
      for (const [id, order] of this.orders) {
        const replacement = next.get(id);
        if (!replacement)
          this.queue({ name: 'activeOrderRemoved', detail: { orderId: id, reason: 'reset' } }, startedAt);
        else if (replacement !== order) this.queueUpdate(order, replacement, startedAt);
      }
      for (const [id, order] of next) {
        if (!this.orders.has(id)) this.queue({ name: 'activeOrderAdded', detail: { order } }, startedAt);
      }
    }
    this.orders.clear();
    for (const [id, order] of next) this.orders.set(id, order);
    this.ids = sorted ? ids : [...next.values()].sort(compareNewestFirst).map((o) => o.id);
    this.sync = snapshot.sync;
    this.cursor = snapshot.cursor;
    this.deviceId = snapshot.deviceId;
    this.hydrated = true;
    this.listVersion++;
    this.syncVersion++;
    this.changed();
  }

  applyDelta(delta: OrdersDelta, startedAt: number): void {
    let moved = false;
    for (const order of delta.added) moved = this.upsert(order, startedAt, false) || moved;
    for (const { order } of delta.updated) moved = this.upsert(order, startedAt, false) || moved;
    for (const { orderId, reason } of delta.removed) moved = this.remove(orderId, reason, startedAt) || moved;
    if (moved) this.listChanged();
  }

  /**
   * The SW's answer to this tab's own intent: shown at once, never moving an order backwards (`undo`: an
   * unconfirmed row put back, src/unconfirmed-payment.ts, which may). Returns whether the list changed.
   */
  applyReply(order: ClientOrder, startedAt: number, undo = false): boolean {
    const changed = this.upsert(order, startedAt, !undo);
    if (changed) this.listChanged();
    return changed;
  }

  applySync(sync: SyncStatus): void {
    this.sync = sync;
    this.syncVersion++;
    this.changed();
  }

  /** Hands over the events of everything rendered so far (called right after the DOM commit). */
  drainEvents(): PendingEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  /** Returns whether the list changed. */
  private upsert(order: ClientOrder, startedAt: number, fromReply: boolean): boolean {
    const current = this.orders.get(order.id);
    if (current && fromReply && isOlder(order, current)) return false;
    if (!isActive(order)) {
      return this.remove(order.id, order.status === 'cancelled' ? 'cancelled' : 'completed', startedAt);
    }
    if (current === undefined) {
      this.orders.set(order.id, order);
      this.insertId(order);
      this.queue({ name: 'activeOrderAdded', detail: { order } }, startedAt);
      return true;
    }
    // An echo of what the row already shows (a push after the reply, say) keeps the row's object, so
    // neither the row nor the list re-renders for it.
    if (!this.queueUpdate(current, order, startedAt)) return false;
    // createdAt never changes for an order, so its position in the list stays.
    this.orders.set(order.id, order);
    return true;
  }

  /** Returns whether the order was in the list. */
  private remove(orderId: string, reason: RemovalReason, startedAt: number): boolean {
    if (!this.orders.delete(orderId)) return false;
    const at = this.ids.indexOf(orderId);
    if (at >= 0) this.ids = [...this.ids.slice(0, at), ...this.ids.slice(at + 1)];
    this.queue({ name: 'activeOrderRemoved', detail: { orderId, reason } }, startedAt);
    return true;
  }

  private insertId(order: ClientOrder): void {
    // Binary search: new orders nearly always land at the front, but an offline device's may not.
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareNewestFirst(this.orders.get(this.ids[mid]!)!, order) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.ids = [...this.ids.slice(0, lo), order.id, ...this.ids.slice(lo)];
  }

  /** Returns whether anything differs. */
  private queueUpdate(prev: ClientOrder, next: ClientOrder, startedAt: number): boolean {
    const changes = changedFields(prev, next);
    if (Object.keys(changes).length === 0) return false;
    this.queue({ name: 'activeOrderUpdated', detail: { order: next, changes } }, startedAt);
    return true;
  }

  private queue(event: ActiveOrderEvent, startedAt: number): void {
    this.pending.push({ event, startedAt });
  }

  private listChanged(): void {
    this.listVersion++;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
