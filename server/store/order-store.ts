// The one storage interface the HTTP layer sees. Implemented once over SQL (sql-order-store.ts) for
// both PGlite and PostgreSQL. Every write is deduplicated inside the transaction that performs it.

import type { Order, OrderStatus } from '../../protocol/order.ts';
import type { DatabaseKind, SqlDatabase } from './sql-database.ts';

/** A validated, priced create request (the order's own fields as the client set them, with server prices), plus
 * the fingerprint a replay must match. */
export type NewOrder = Pick<
  Order,
  'id' | 'number' | 'deviceId' | 'customerName' | 'note' | 'items' | 'totalCents' | 'createdAt'
> & {
  fingerprint: string;
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
  fingerprint: string;
  /** The device making the change (recorded in order_events); absent = the order's own device. */
  actingDeviceId?: string;
}

export type ChangeResult =
  | { kind: 'applied'; order: Order }
  /** A stale or no-op transition: the order is unchanged and no seq was taken. */
  | { kind: 'unchanged'; order: Order }
  | { kind: 'replayed'; order: Order }
  | { kind: 'not_found' }
  | { kind: 'mismatch' };

export interface ChangesPage {
  orders: Order[];
  cursor: number;
  more: boolean;
  reset: boolean;
}

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
  /** Active orders newest first, and a cursor no later than the state they show. */
  active(): Promise<{ orders: Order[]; cursor: number }>;
  changes(since: number, limit: number): Promise<ChangesPage>;
  /** Called after every commit that changed orders, in seq order; returns an unsubscribe. */
  subscribe(listener: (batch: CommittedBatch) => void): () => void;
  close(): Promise<void>;
}
