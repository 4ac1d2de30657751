// Bumps the kitchen shows before the SW has answered: the screen draws a bumped ticket at once (within the
// frame of the click), not after the intent's round trip through the worker and IndexedDB (10–100 ms on a
// busy tablet). Only what the page shows: the store still changes only from the SW's reply and broadcasts.
import type { ClientOrder, OrderStatus } from '../../protocol/order.ts';

/** Order id → the status its latest bump asked for, until the SW's reply (or failure) arrives. */
export type BumpOverlay = ReadonlyMap<string, OrderStatus>;

export const EMPTY_OVERLAY: BumpOverlay = new Map();

const KITCHEN_RANK: Record<OrderStatus, number> = {
  pending: 0,
  preparing: 1,
  ready: 2,
  completed: 3,
  cancelled: 3,
};

/** The status to show: the bump's, while it is ahead of what the store knows; else the store's. */
export function shownStatus(order: Pick<ClientOrder, 'id' | 'status'>, overlay: BumpOverlay): OrderStatus {
  const bumped = overlay.get(order.id);
  return bumped !== undefined && KITCHEN_RANK[bumped] > KITCHEN_RANK[order.status] ? bumped : order.status;
}

export function withBump(overlay: BumpOverlay, orderId: string, status: OrderStatus): BumpOverlay {
  return new Map(overlay).set(orderId, status);
}

/** Drops the bump of `orderId` once it is answered, unless a later bump of the same ticket replaced it. */
export function withoutBump(overlay: BumpOverlay, orderId: string, status: OrderStatus): BumpOverlay {
  if (overlay.get(orderId) !== status) return overlay;
  const next = new Map(overlay);
  next.delete(orderId);
  return next;
}
