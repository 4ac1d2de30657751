// The one storage interface the HTTP layer sees. Implemented once over SQL (sql-order-store.ts) for
// both PGlite and PostgreSQL. Every write is deduplicated inside the transaction that performs it.

import type { Discount } from '../../protocol/menu.ts';
import type { Order, OrderDiscount, OrderStatus, OrderTax } from '../../protocol/order.ts';
import type { MenuPricing } from '../../protocol/pricing.ts';
import type { ActivePosition } from './active-page-token.ts';
import type { DrawerResult, DrawerWrite } from './drawer-store.ts';
import type { MoneyResult, PaymentWrite, RefundWrite } from './payment-store.ts';
import type { DatabaseKind, SqlDatabase } from './sql-database.ts';
import type { CloseResult } from './z-report-store.ts';

/** A validated, priced create request (the order's own fields as the client set them, with server prices), plus
 * the fingerprint a replay must match. */
export type NewOrder = Pick<
  Order,
  'id' | 'number' | 'deviceId' | 'customerName' | 'note' | 'items' | 'totalCents' | 'createdAt'
> & {
  fingerprint: string;
  /** Part 3: the version that priced it (0 = priced without a menu, tests only), and its priced form. */
  menuVersion: number;
  subtotalCents: number;
  discount: OrderDiscount | null;
  taxes: OrderTax[];
  /** The device that sent the create (recorded in order_events); absent = the order's own device. */
  actingDeviceId?: string;
};

export type CreateResult =
  | { kind: 'created'; order: Order }
  /** Same key, same payload: nothing written; the order as it is now. */
  | { kind: 'replayed'; order: Order }
  | { kind: 'mismatch' };

/** One PATCH: `key` is the mutation's Idempotency-Key; the fingerprint covers body and order id. */
export interface OrderChange {
  orderId: string;
  key: string;
  status?: OrderStatus;
  paid?: true;
  /**
   * Part 3: the discount to set (null = remove), resolved at the order's menu version before the write,
   * with what re-pricing needs (an order's menu version and lines never change, so this cannot go stale).
   */
  discount?: { discount: Discount | null; pricing: Pick<MenuPricing, 'pricesIncludeTax' | 'taxRates'> };
  fingerprint: string;
  /** The device making the change (recorded in order_events); absent = the order's own device. */
  actingDeviceId?: string;
}

export type ChangeResult =
  | { kind: 'applied'; order: Order }
  /** A stale or no-op transition: the order is unchanged and no seq was taken. */
  | { kind: 'unchanged'; order: Order }
  | { kind: 'replayed'; order: Order }
  /** A discount change on an order that is no longer active: nothing written (409 order_finished). */
  | { kind: 'finished'; order: Order }
  | { kind: 'not_found' }
  | { kind: 'mismatch' };

export interface ChangesPage {
  orders: Order[];
  cursor: number;
  more: boolean;
  reset: boolean;
  /** On a reset page with `more`: where the next snapshot page starts (pass back as `snapshotAfter`). */
  snapshotAfter?: number;
}

/** One page of the active list, newest first; `cursor` is the feed seq the list is no later than. */
export interface ActivePage {
  orders: Order[];
  cursor: number;
  more: boolean;
  /** With `more`: the opaque token for the next page (query `cursor`). */
  nextCursor?: string;
}

export interface ActivePageRequest {
  limit: number;
  /** A token from a previous page's nextCursor, already decoded. */
  after?: ActivePosition;
}

/** One mutation of POST /api/batch, already validated and priced like a lone request. */
export type BatchWrite =
  | { op: 'create'; order: NewOrder }
  | { op: 'change'; change: OrderChange }
  // Part 3 (principles 21-22): money and drawer intents; lone requests run them as a batch of one.
  | { op: 'payment'; payment: PaymentWrite }
  | { op: 'refund'; refund: RefundWrite }
  | { op: 'drawer'; drawer: DrawerWrite };
export type BatchWriteResult =
  | { op: 'create'; result: CreateResult }
  | { op: 'change'; result: ChangeResult }
  | { op: 'payment' | 'refund'; result: MoneyResult }
  | { op: 'drawer'; result: DrawerResult | CloseResult };

/** Orders whose new state just committed, in ascending seq. `committedAt` is performance.now(). */
export interface CommittedBatch {
  orders: Order[];
  committedAt: number;
}

export interface OrderStore {
  readonly kind: DatabaseKind;
  /**
   * The database under this store. Feature stores (devices, menu, history, telemetry) are separate modules
   * over the same database, built from this handle in buildApp, each with its own migration file.
   */
  readonly database: SqlDatabase;
  create(order: NewOrder): Promise<CreateResult>;
  change(change: OrderChange): Promise<ChangeResult>;
  get(id: string): Promise<Order | null>;
  /**
   * Several writes in one transaction, each answered exactly as if it were alone (a failing one does not
   * undo the others); results in the order given.
   */
  batch(writes: readonly BatchWrite[]): Promise<BatchWriteResult[]>;
  /** Active orders newest first (one page), and a cursor no later than the state they show. */
  active(page?: ActivePageRequest): Promise<ActivePage>;
  /**
   * The changes feed after `since`, or a reset (the active snapshot, in pages) when `since` is 0, older than
   * the retention floor or ahead of the server; `snapshotAfter` continues a reset whose cursor is `since`.
   */
  changes(since: number, limit: number, snapshotAfter?: number): Promise<ChangesPage>;
  /** Called after every commit that changed orders, in seq order; returns an unsubscribe. */
  subscribe(listener: (batch: CommittedBatch) => void): () => void;
  close(): Promise<void>;
}
