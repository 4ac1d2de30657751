// The one apply path for server state (flush answers, pulls and pushes alike) and for local recomputes.
// Idempotent by seq: a duplicate or older server order changes nothing, so pushes may repeat or arrive late.

import type { ClientOrder, Order } from '../protocol/order.ts';
import type { WriteTx } from './db.ts';
import { describeChange, isNewerServerState, rebase, type OrderChange } from './merge.ts';
import { deleteOutboxEntry, outboxForOrder } from './outbox-store.ts';
import { baseOf, toRecord } from './order-record.ts';
import { mapPerOrder } from './per-order.ts';

/** Recomputes one order's view from its base and its outbox entries (after an intent, retry or discard). */
export async function recomputeOrder(
  tx: WriteTx,
  orderId: string,
): Promise<{ view: ClientOrder | null; change: OrderChange | null }> {
  const orders = tx.objectStore('orders');
  // Both reads go out together (one round trip); requests run in issue order, so they see earlier writes.
  const [record, pending] = await Promise.all([orders.get(orderId), outboxForOrder(tx, orderId)]);
  const base = record ? baseOf(record) : null;
  const view = rebase(base, pending);
  if (view === null) {
    if (record) await orders.delete(orderId);
  } else {
    await orders.put(toRecord(base, view));
  }
  return { view, change: describeChange(orderId, record?.view ?? null, view, 'discarded') };
}

/** Newest state per id, so a batch holding one order twice applies once. */
function latestPerOrder(incoming: readonly Order[]): Order[] {
  const byId = new Map<string, Order>();
  for (const order of incoming) {
    const known = byId.get(order.id);
    if (!known || order.seq > known.seq) byId.set(order.id, order);
  }
  return [...byId.values()];
}

/** Makes server orders the new bases (only when newer by seq) and rebases pending mutations on top. */
export async function applyServerOrders(
  tx: WriteTx,
  incoming: readonly Order[],
  /** The cursor before this apply: an unknown order at or below it was already seen (and trimmed as finished). */
  seenThrough: number,
): Promise<OrderChange[]> {
  const orders = tx.objectStore('orders');
  // One order each (latestPerOrder), so every order's reads and write go out together.
  const changes = await mapPerOrder(
    latestPerOrder(incoming),
    (order) => order.id,
    async (order): Promise<OrderChange | null> => {
      // Both reads go out together: a push is the other-device hot path, and one round trip less counts there.
      const [record, pending] = await Promise.all([orders.get(order.id), outboxForOrder(tx, order.id)]);
      if (record === undefined && order.seq <= seenThrough) return null;
      if (record !== undefined && !isNewerServerState(baseOf(record), order)) return null;
      const view = rebase(order, pending);
      if (view === null) return null; // unreachable: a base always yields a view
      // A finished order stays (inactive) among the recently finished; recent-finished.ts bounds them.
      await orders.put(toRecord(order, view));
      return describeChange(order.id, record?.view ?? null, view);
    },
  );
  return changes.filter((change): change is OrderChange => change !== null);
}

/**
 * Replaces the cache with a full active snapshot (`reset: true`): orders the server no longer lists are
 * dropped unless they still have pending mutations, which must survive until they are sent.
 */
export async function replaceWithSnapshot(tx: WriteTx, snapshot: readonly Order[]): Promise<OrderChange[]> {
  const orders = tx.objectStore('orders');
  const listed = new Map(snapshot.map((order) => [order.id, order]));
  const unlisted = (await orders.getAll()).filter((record) => !listed.has(record.id));
  const removed = await mapPerOrder(
    unlisted,
    (record) => record.id,
    async (record) => {
      if ((await outboxForOrder(tx, record.id)).length > 0) return null;
      await orders.delete(record.id);
      return describeChange(record.id, record.view, null, 'reset');
    },
  );
  const replaced = await mapPerOrder(
    [...listed.values()],
    (order) => order.id,
    async (order) => {
      // Seqs from before a reset may belong to another database: the snapshot wins unconditionally.
      const [record, pending] = await Promise.all([orders.get(order.id), outboxForOrder(tx, order.id)]);
      const view = rebase(order, pending);
      if (view === null) return null;
      await orders.put(toRecord(order, view));
      return describeChange(order.id, record?.view ?? null, view);
    },
  );
  return [...removed, ...replaced].filter((change): change is OrderChange => change !== null);
}

/**
 * The server acknowledged an outbox entry with `order`: the entry leaves and the order becomes the base (if
 * newer) in the same transaction, so a crash can neither lose the write nor show it as still waiting.
 */
export async function settleMutation(tx: WriteTx, seq: number, order: Order): Promise<OrderChange | null> {
  const orders = tx.objectStore('orders');
  // Issued together: IDB runs them in order, so the pending list already lacks the deleted entry.
  const [, record, pending] = await Promise.all([
    deleteOutboxEntry(tx, seq),
    orders.get(order.id),
    outboxForOrder(tx, order.id),
  ]);
  const known = record ? baseOf(record) : null;
  const base = record && !isNewerServerState(known, order) ? known : order;
  const view = rebase(base, pending);
  if (view === null) return null; // unreachable: the base is never null here
  await orders.put(toRecord(base, view));
  return describeChange(order.id, record?.view ?? null, view);
}
