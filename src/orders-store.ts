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

/** True when `next` would move `current` backwards: a stale reply racing a newer broadcast. */
function isOlder(next: ClientOrder, current: ClientOrder): boolean {
  if (STATUS_RANK[next.status] < STATUS_RANK[current.status]) return true;
  return current.paid && !next.paid;
}

/** Same server version and same local state: every field the SW can change is covered by these. */
function sameVersion(a: ClientOrder, b: ClientOrder): boolean {
  return (
    a.seq === b.seq &&
    a.updatedAt === b.updatedAt &&
    a.status === b.status &&
    a.paid === b.paid &&
    a.syncState === b.syncState &&
    a.receivedAt === b.receivedAt &&
    a.totalCents === b.totalCents &&
    a.number === b.number
  );
}

function changedFields(prev: ClientOrder, next: ClientOrder): Partial<ClientOrder> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ClientOrder)[]) {
    if (key === 'items') {
      if (JSON.stringify(prev.items) !== JSON.stringify(next.items)) changes.items = next.items;
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
  deviceId = '';
  /** Bumped on every change so subscribers can cheaply tell that something moved. */
  version = 0;
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
    for (const order of snapshot.orders) {
      if (!isActive(order)) continue;
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
    this.ids = [...next.values()].sort(compareNewestFirst).map((o) => o.id);
    this.sync = snapshot.sync;
    this.cursor = snapshot.cursor;
    this.deviceId = snapshot.deviceId;
    this.hydrated = true;
    this.changed();
  }

  applyDelta(delta: OrdersDelta, startedAt: number): void {
    for (const order of delta.added) this.upsert(order, startedAt, false);
    for (const { order } of delta.updated) this.upsert(order, startedAt, false);
    for (const { orderId, reason } of delta.removed) this.remove(orderId, reason, startedAt);
    this.changed();
  }

  /** The SW's answer to this tab's own intent: shown at once, never moving an order backwards. */
  applyReply(order: ClientOrder, startedAt: number): void {
    this.upsert(order, startedAt, true);
    this.changed();
  }

  applySync(sync: SyncStatus): void {
    this.sync = sync;
    this.changed();
  }

  /** Hands over the events of everything rendered so far (called right after the DOM commit). */
  drainEvents(): PendingEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  private upsert(order: ClientOrder, startedAt: number, fromReply: boolean): void {
    const current = this.orders.get(order.id);
    if (current && fromReply && isOlder(order, current)) return;
    if (!isActive(order)) {
      this.remove(order.id, order.status === 'cancelled' ? 'cancelled' : 'completed', startedAt);
      return;
    }
    if (current === undefined) {
      this.orders.set(order.id, order);
      this.insertId(order);
      this.queue({ name: 'activeOrderAdded', detail: { order } }, startedAt);
      return;
    }
    this.orders.set(order.id, order);
    // createdAt never changes for an order, so its position in the list stays.
    this.queueUpdate(current, order, startedAt);
  }

  private remove(orderId: string, reason: RemovalReason, startedAt: number): void {
    if (!this.orders.delete(orderId)) return;
    const at = this.ids.indexOf(orderId);
    if (at >= 0) this.ids = [...this.ids.slice(0, at), ...this.ids.slice(at + 1)];
    this.queue({ name: 'activeOrderRemoved', detail: { orderId, reason } }, startedAt);
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

  private queueUpdate(prev: ClientOrder, next: ClientOrder, startedAt: number): void {
    const changes = changedFields(prev, next);
    if (Object.keys(changes).length === 0) return;
    this.queue({ name: 'activeOrderUpdated', detail: { order: next, changes } }, startedAt);
  }

  private queue(event: ActiveOrderEvent, startedAt: number): void {
    this.pending.push({ event, startedAt });
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
