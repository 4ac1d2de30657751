// The order model shared by page, service worker and server. Pure types and functions: no DOM, no Node.

export const ORDER_STATUSES = ['pending', 'preparing', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Active = still on the counter's list. */
export const ACTIVE_STATUSES = ['pending', 'preparing', 'ready'] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/** A chosen option as the order keeps it: ids plus the name and delta at the order's menu version. */
export interface OrderLineOption {
  group: string;
  option: string;
  name: string;
  priceDeltaCents: number;
}

export interface OrderItem {
  menuItemId: string;
  /** Name and price come from the server's menu (an estimate from the cached menu until confirmed). */
  name: string;
  qty: number;
  /** Item price + Σ option deltas, never below 0 (principle 18). */
  unitPriceCents: number;
  note: string;
  /** Part 3; absent on orders from before it (= no options). */
  options?: OrderLineOption[];
  /** Part 3: the line's tax rate id; absent on orders from before it. */
  taxRate?: string;
  /** Part 3: qty × unitPriceCents. */
  lineTotalCents?: number;
}

/** One rate's share of an order's tax (principle 19), computed once per rate per order. */
export interface OrderTax {
  rate: string;
  name: string;
  rateBasisPoints: number;
  netCents: number;
  taxCents: number;
  grossCents: number;
}

/** The order's discount as applied (principle 20). */
export interface OrderDiscount {
  id: string;
  name: string;
  amountCents: number;
}

export const PAYMENT_METHODS = ['cash', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Refund {
  id: string;
  amountCents: number;
  reason: string;
  deviceId: string;
  createdAt: string;
}

/** Money that changed hands (principle 21): recorded, never refused. */
export interface Payment {
  id: string;
  method: PaymentMethod;
  amountCents: number;
  tenderedCents: number | null;
  changeCents: number;
  tipCents: number;
  deviceId: string;
  createdAt: string;
  refunds: Refund[];
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
  /** What the customer pays: Σ gross over the taxes (principle 19). */
  totalCents: number;
  status: OrderStatus;
  /** Part 3: derived from payments (`dueCents ≤ 0`); Parts 1-2 set it directly. */
  paid: boolean;
  // Part 3 fields (DESIGN "HTTP API, part 3"). Optional: orders cached or stored before Part 3 lack them.
  menuVersion?: number;
  subtotalCents?: number;
  discount?: OrderDiscount | null;
  taxes?: OrderTax[];
  payments?: Payment[];
  paidCents?: number;
  dueCents?: number;
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
