// The two order writes (create, change) as functions over an open transaction, so a lone request and a
// batch (POST /api/batch) run exactly the same SQL. Never opens or commits a transaction itself.

import { applyTransition } from '../../protocol/status-machine.ts';
import type { Order } from '../../protocol/order.ts';
import type { ChangeResult, CreateResult, NewOrder, OrderChange } from './order-store.ts';
import { orderColumns, rowToOrder, type OrderRow } from './order-rows.ts';
import type { SqlClient } from './sql-database.ts';

export async function selectOrder(tx: SqlClient, id: string, lock: boolean): Promise<Order | null> {
  const rows = await tx.query<OrderRow>(
    `SELECT ${orderColumns()} FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? rowToOrder(rows[0]) : null;
}

/** Inserts a new order, or reports the replay/mismatch of an id already taken. `receivedAt` is ISO. */
export async function createOrderIn(
  tx: SqlClient,
  order: NewOrder,
  receivedAt: string,
): Promise<CreateResult> {
  // One statement: report the stored fingerprint if the id is taken (a replay), else take the
  // next seq and insert. The counter row lock orders commits; on PostgreSQL a racing duplicate
  // fails the INSERT with a unique violation and the retry then sees the winner's row. Only
  // the seq comes back: returning whole rows costs PGlite more than the insert itself.
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
     -- The order's start (order_events), in the same statement: the create stays one round trip.
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
  return {
    kind: 'created',
    order: {
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
    },
  };
}

/** Applies one PATCH (deduplicated by its key); `at` is the ISO time it takes effect. */
export async function changeOrderIn(tx: SqlClient, change: OrderChange, at: string): Promise<ChangeResult> {
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
  // The key is recorded even for a no-op, so reusing it for another body is still caught.
  await tx.query('INSERT INTO mutations (key, order_id, fingerprint, received_at) VALUES ($1, $2, $3, $4)', [
    change.key,
    change.orderId,
    change.fingerprint,
    at,
  ]);
  const status = change.status ? applyTransition(current.status, change.status) : current.status;
  const paid = current.paid || change.paid === true;
  if (status === current.status && paid === current.paid) return { kind: 'unchanged', order: current };
  const kind = eventKind(status !== current.status, paid !== current.paid);
  // The event (order_events) is written by the same statement as the order, with the seq that change took.
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
  return { kind: 'applied', order: { ...current, status, paid, updatedAt: at, seq: Number(rows[0]?.seq) } };
}

/** What an applied change did, as order_events.kind. */
function eventKind(statusMoved: boolean, paidNow: boolean): 'status' | 'paid' | 'status_paid' {
  if (statusMoved && paidNow) return 'status_paid';
  return paidNow ? 'paid' : 'status';
}
