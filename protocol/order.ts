// The order model shared by page, service worker and server. Pure types and functions: no DOM, no Node.

export const ORDER_STATUSES = ['pending', 'preparing', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Active = still on the counter's list. */
export const ACTIVE_STATUSES = ['pending', 'preparing', 'ready'] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

export interface OrderItem {
  menuItemId: string;
  /** Name and price come from the server's menu (an estimate from the cached menu until confirmed). */
  name: string;
  qty: number;
  unitPriceCents: number;
  note: string;
}

/** An order as the server returns it (DESIGN.md "HTTP API"). */
export interface Order {
  id: string;
  number: string;
  deviceId: string;
  /** "" when none was given. */
  customerName: string;
  note: string;
  items: OrderItem[];
  totalCents: number;
  status: OrderStatus;
  paid: boolean;
  createdAt: string;
  receivedAt: string;
  updatedAt: string;
  seq: number;
}

/**
 * How far a device's copy of an order is from the server:
 * `saved` = server state with nothing pending; `waiting` = local changes queued;
 * `attention` = a queued change was rejected and waits for the user (Retry / Discard).
 */
export type SyncState = 'saved' | 'waiting' | 'attention';

/**
 * An order as a device shows it: the server base with pending local mutations applied on top.
 * An order the server has never confirmed has `seq: 0` and `receivedAt: null`.
 */
export interface ClientOrder extends Omit<Order, 'receivedAt'> {
  receivedAt: string | null;
  syncState: SyncState;
}

export function isActiveStatus(status: OrderStatus): status is ActiveStatus {
  return status === 'pending' || status === 'preparing' || status === 'ready';
}

export function isActive(order: { status: OrderStatus }): boolean {
  return isActiveStatus(order.status);
}

/** Lists are newest first by createdAt, then id (both descending). */
export function compareNewestFirst(
  a: { createdAt: string; id: string },
  b: { createdAt: string; id: string },
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return 0;
}

export function orderTotalCents(items: readonly { qty: number; unitPriceCents: number }[]): number {
  return items.reduce((sum, item) => sum + item.qty * item.unitPriceCents, 0);
}
