// OrderStore over SqlDatabase: the same SQL on PGlite and PostgreSQL. Each write takes seq = seq + 1
// from the counter row inside its own transaction, and deduplicates there too (DESIGN.md 3, 4, 7).

import { performance } from 'node:perf_hooks';
import { applyTransition } from '../../protocol/status-machine.ts';
import { ACTIVE_STATUSES, type Order } from '../../protocol/order.ts';
import type {
  ChangeResult,
  CommittedBatch,
  CreateResult,
  NewOrder,
  OrderChange,
  OrderStore,
} from './order-store.ts';
import { orderColumns, rowToOrder, type OrderRow } from './order-rows.ts';
import type { SqlClient, SqlDatabase } from './sql-database.ts';
import { followNotifications, NOTIFY_CHANNEL } from './follow-notifications.ts';

const ACTIVE_SQL = ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ');
/** A unique violation: on PostgreSQL, a concurrent transaction wrote the same key first. */
const UNIQUE_VIOLATION = '23505';
const CONFLICT_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}

/** Retries a transaction that lost a race on a unique key; the retry then sees the winner's row. */
async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}

async function selectOrder(tx: SqlClient, id: string, lock: boolean): Promise<Order | null> {
  const rows = await tx.query<OrderRow>(
    `SELECT ${orderColumns()} FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? rowToOrder(rows[0]) : null;
}

async function currentSeq(db: SqlClient): Promise<number> {
  const rows = await db.query<{ seq: number | string }>('SELECT seq FROM seq_counter WHERE id = 1');
  return Number(rows[0]?.seq ?? 0);
}

export interface SqlOrderStoreOptions {
  /** The clock for receivedAt/updatedAt (injected so tests control it). */
  now?: () => Date;
  /** Reports failures of the background notification follower (PostgreSQL). */
  onBackgroundError?: (error: unknown) => void;
}

export async function createSqlOrderStore(
  db: SqlDatabase,
  options: SqlOrderStoreOptions = {},
): Promise<OrderStore> {
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(batch: CommittedBatch) => void>();
  const publish = (orders: Order[]) => {
    if (orders.length === 0) return;
    const batch: CommittedBatch = { orders, committedAt: performance.now() };
    for (const listener of listeners) listener(batch);
  };
  // PostgreSQL may have other instances writing: follow NOTIFY and read the changes feed, so every
  // instance (this one included) publishes from the same source. PGlite publishes after each commit.
  const viaNotify = db.listen !== undefined;

  const store: OrderStore = {
    kind: db.kind,
    database: db,

    async create(order: NewOrder): Promise<CreateResult> {
      const result = await retryOnConflict(() =>
        db.transaction(async (tx): Promise<CreateResult> => {
          // One statement: report the stored fingerprint if the id is taken (a replay), else take the
          // next seq and insert. The counter row lock orders commits; on PostgreSQL a racing duplicate
          // fails the INSERT with a unique violation and the retry then sees the winner's row. Only
          // the seq comes back: returning whole rows costs PGlite more than the insert itself.
          const receivedAt = now().toISOString();
          const rows = await tx.query<{ seq: number | string | null; fingerprint: string | null }>(
            `WITH existing AS (SELECT fingerprint FROM orders WHERE id = $1::text),
             s AS (UPDATE seq_counter SET seq = seq + 1
                   WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM existing) RETURNING seq),
             inserted AS (
               INSERT INTO orders (id, number, device_id, customer_name, note, items, total_cents, status,
                                   paid, created_at, received_at, updated_at, fingerprint, seq)
               SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::jsonb, $7::bigint, 'pending',
                      false, $8::text, $9::text, $9::text, $10::text, s.seq
               FROM s
               RETURNING seq),
             -- The order's start, in the same statement: the create stays one round trip.
             started AS (
               INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id)
               SELECT inserted.seq, $1::text, 'created', 'pending', false, $9::text, $11::text FROM inserted)
             SELECT seq, NULL::text AS fingerprint FROM inserted
             UNION ALL SELECT NULL::bigint, fingerprint FROM existing`,
            [
              order.id,
              order.number,
              order.deviceId,
              order.customerName,
              order.note,
              JSON.stringify(order.items),
              order.totalCents,
              order.createdAt,
              receivedAt,
              order.fingerprint,
              order.actingDeviceId ?? order.deviceId,
            ],
          );
          const row = rows[0];
          if (!row) throw new Error(`create ${order.id}: neither inserted nor found`);
          if (row.fingerprint !== null) {
            if (row.fingerprint !== order.fingerprint) return { kind: 'mismatch' };
            const current = await selectOrder(tx, order.id, false);
            if (!current) throw new Error(`create ${order.id}: replayed order vanished`);
            return { kind: 'replayed', order: current };
          }
          const created: Order = {
            id: order.id,
            number: order.number,
            deviceId: order.deviceId,
            customerName: order.customerName,
            note: order.note,
            items: order.items,
            totalCents: order.totalCents,
            status: 'pending',
            paid: false,
            createdAt: order.createdAt,
            receivedAt,
            updatedAt: receivedAt,
            seq: Number(row.seq),
          };
          if (viaNotify) await notify(tx, created.seq);
          return { kind: 'created', order: created };
        }),
      );
      if (result.kind === 'created' && !viaNotify) publish([result.order]);
      return result;
    },

    async change(change: OrderChange): Promise<ChangeResult> {
      const result = await retryOnConflict(() =>
        db.transaction(async (tx): Promise<ChangeResult> => {
          const used = await tx.query<{ order_id: string; fingerprint: string }>(
            'SELECT order_id, fingerprint FROM mutations WHERE key = $1',
            [change.key],
          );
          if (used[0]) {
            if (used[0].fingerprint !== change.fingerprint) return { kind: 'mismatch' };
            const order = await selectOrder(tx, change.orderId, false);
            return order ? { kind: 'replayed', order } : { kind: 'not_found' };
          }
          const current = await selectOrder(tx, change.orderId, true);
          if (!current) return { kind: 'not_found' };
          const at = now().toISOString();
          // The key is recorded even for a no-op, so reusing it for another body is still caught.
          await tx.query(
            'INSERT INTO mutations (key, order_id, fingerprint, received_at) VALUES ($1, $2, $3, $4)',
            [change.key, change.orderId, change.fingerprint, at],
          );
          const status = change.status ? applyTransition(current.status, change.status) : current.status;
          const paid = current.paid || change.paid === true;
          if (status === current.status && paid === current.paid)
            return { kind: 'unchanged', order: current };
          const kind = eventKind(status !== current.status, paid !== current.paid);
          // The event is written by the same statement as the order, with the seq that change took.
          const rows = await tx.query<{ seq: number | string }>(
            `WITH s AS (UPDATE seq_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq),
             moved AS (
               UPDATE orders SET status = $2::text, paid = $3::boolean, updated_at = $4::text, seq = s.seq
               FROM s WHERE orders.id = $1::text
               RETURNING orders.seq)
             INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id)
             SELECT moved.seq, $1::text, $5::text, $2::text, $3::boolean, $4::text, $6::text FROM moved
             RETURNING seq`,
            [change.orderId, status, paid, at, kind, change.actingDeviceId ?? current.deviceId],
          );
          const applied: Order = { ...current, status, paid, updatedAt: at, seq: Number(rows[0]?.seq) };
          if (viaNotify) await notify(tx, applied.seq);
          return { kind: 'applied', order: applied };
        }),
      );
      if (result.kind === 'applied' && !viaNotify) publish([result.order]);
      return result;
    },

    get: (id) => selectOrder(db, id, false),

    async active() {
      // The cursor is read BEFORE the list: anything committed in between is in the list and also
      // after the cursor, so a client pulling from the cursor can only see it twice, never miss it.
      const cursor = await currentSeq(db);
      const rows = await db.query<OrderRow>(
        `SELECT ${orderColumns()} FROM orders WHERE status IN (${ACTIVE_SQL})
         ORDER BY created_at DESC, id DESC`,
      );
      return { orders: rows.map(rowToOrder), cursor };
    },

    async changes(since, limit) {
      const head = await currentSeq(db);
      if (since > head) {
        // Nothing is pruned yet, so the only cursor we cannot serve is one from another database.
        const { orders, cursor } = await store.active();
        return { orders, cursor, more: false, reset: true };
      }
      const rows = await db.query<OrderRow>(
        `SELECT ${orderColumns()} FROM orders WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [since, limit + 1],
      );
      const orders = rows.slice(0, limit).map(rowToOrder);
      const cursor = orders.length > 0 ? (orders[orders.length - 1] as Order).seq : since;
      return { orders, cursor, more: rows.length > limit, reset: false };
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close: () => db.close(),
  };

  if (db.listen) {
    await followNotifications(
      db,
      () => currentSeq(db),
      store.changes,
      publish,
      (error) =>
        (options.onBackgroundError ?? ((e) => console.error('orderline: change follower failed', e)))(error),
    );
  }
  return store;
}

/** What an applied change did, as order_events.kind. */
function eventKind(statusMoved: boolean, paidNow: boolean): 'status' | 'paid' | 'status_paid' {
  if (statusMoved && paidNow) return 'status_paid';
  return paidNow ? 'paid' : 'status';
}

/** NOTIFY inside the transaction is delivered only on COMMIT, so listeners never see uncommitted seqs. */
async function notify(tx: SqlClient, seq: number): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, String(seq)]);
}
