// The two order writes (create, change) as functions over an open transaction, so a lone request and a
// batch (POST /api/batch) run exactly the same SQL. Never opens or commits a transaction itself.

import { applyTransition } from '../../protocol/status-machine.ts';
import { isActive, type Order, type Payment } from '../../protocol/order.ts';
import { priceOrder } from '../../protocol/pricing.ts';
import type { ChangeResult, CreateResult, NewOrder, OrderChange } from './order-store.ts';
import { dueCents, orderColumns, rowToOrder, type OrderRow } from './order-rows.ts';
import { insertPaymentRow } from './payment-store.ts';
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
                           paid, created_at, received_at, updated_at, fingerprint, seq,
                           menu_version, subtotal_cents, discount, taxes)
       SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::jsonb, $7::bigint, 'pending',
              false, $8::text, $9::text, $9::text, $10::text, s.seq,
              $12::integer, $13::bigint, $14::jsonb, $15::jsonb
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
      order.menuVersion > 0 ? order.menuVersion : null,
      order.subtotalCents,
      order.discount === null ? null : JSON.stringify(order.discount),
      JSON.stringify(order.taxes),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error(`create ${order.id}: neither inserted nor found`);
  return answerRow(tx, order, row, receivedAt);
}

/**
 * Several creates with distinct ids in ONE statement, each answered as `createOrderIn` would answer it alone
 * in the same order: fresh ids take consecutive seqs in input order, a taken id is a replay or a mismatch.
 * A drain sends creates 100 at a time, and PGlite pays per statement (parse, plan, a trip through WASM), so
 * one statement instead of 100 is most of the batch's cost. Only where nothing else writes concurrently
 * (PGlite): on PostgreSQL a racing duplicate would fail the whole statement, not one create.
 */
export async function createOrdersIn(
  tx: SqlClient,
  orders: readonly NewOrder[],
  receivedAt: string,
): Promise<CreateResult[]> {
  const rows = await tx.query<{ id: string; seq: number | string | null; fingerprint: string | null }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::bigint[], $8::text[], $9::text[], $10::text[], $12::integer[], $13::bigint[],
                            $14::text[], $15::text[])
         WITH ORDINALITY AS i(id, number, device_id, customer_name, note, items, total_cents, created_at,
                              fingerprint, acting_device_id, menu_version, subtotal_cents, discount, taxes,
                              ord)),
     existing AS (SELECT orders.id, orders.fingerprint FROM orders JOIN input ON orders.id = input.id),
     fresh AS (
       SELECT input.*, row_number() OVER (ORDER BY ord) AS n FROM input
       WHERE NOT EXISTS (SELECT 1 FROM existing WHERE existing.id = input.id)),
     s AS (UPDATE seq_counter SET seq = seq + (SELECT count(*) FROM fresh)
           WHERE id = 1 RETURNING seq - (SELECT count(*) FROM fresh) AS before),
     inserted AS (
       INSERT INTO orders (id, number, device_id, customer_name, note, items, total_cents, status,
                           paid, created_at, received_at, updated_at, fingerprint, seq,
                           menu_version, subtotal_cents, discount, taxes)
       SELECT fresh.id, fresh.number, fresh.device_id, fresh.customer_name, fresh.note, fresh.items::jsonb,
              fresh.total_cents, 'pending', false, fresh.created_at, $11::text, $11::text, fresh.fingerprint,
              s.before + fresh.n, fresh.menu_version, fresh.subtotal_cents, fresh.discount::jsonb,
              fresh.taxes::jsonb
       FROM fresh, s
       RETURNING id, seq),
     started AS (
       INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id)
       SELECT s.before + fresh.n, fresh.id, 'created', 'pending', false, $11::text, fresh.acting_device_id
       FROM fresh, s)
     SELECT id, seq, NULL::text AS fingerprint FROM inserted
     UNION ALL SELECT id, NULL::bigint, fingerprint FROM existing`,
    [
      orders.map((o) => o.id),
      orders.map((o) => o.number),
      orders.map((o) => o.deviceId),
      orders.map((o) => o.customerName),
      orders.map((o) => o.note),
      orders.map((o) => JSON.stringify(o.items)),
      orders.map((o) => o.totalCents),
      orders.map((o) => o.createdAt),
      orders.map((o) => o.fingerprint),
      orders.map((o) => o.actingDeviceId ?? o.deviceId),
      receivedAt,
      orders.map((o) => (o.menuVersion > 0 ? o.menuVersion : null)),
      orders.map((o) => o.subtotalCents),
      orders.map((o) => (o.discount === null ? null : JSON.stringify(o.discount))),
      orders.map((o) => JSON.stringify(o.taxes)),
    ],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const results: CreateResult[] = [];
  for (const order of orders) {
    const row = byId.get(order.id);
    if (!row) throw new Error(`create ${order.id}: neither inserted nor found`);
    results.push(await answerRow(tx, order, row, receivedAt));
  }
  return results;
}

/** What one create's row means: a new order (its seq), or the stored fingerprint of an id already taken. */
async function answerRow(
  tx: SqlClient,
  order: NewOrder,
  row: { seq: number | string | null; fingerprint: string | null },
  receivedAt: string,
): Promise<CreateResult> {
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
      ...(order.menuVersion > 0 ? { menuVersion: order.menuVersion } : {}),
      subtotalCents: order.subtotalCents,
      discount: order.discount,
      taxes: order.taxes,
      payments: [],
      paidCents: 0,
      dueCents: order.totalCents,
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
  // A discount changes only while the order is active (DESIGN Part 3); the key stays unused.
  if (change.discount !== undefined && !isActive(current)) return { kind: 'finished', order: current };
  // The key is recorded even for a no-op, so reusing it for another body is still caught.
  await tx.query('INSERT INTO mutations (key, order_id, fingerprint, received_at) VALUES ($1, $2, $3, $4)', [
    change.key,
    change.orderId,
    change.fingerprint,
    at,
  ]);
  // Pricing first: a discount change re-prices from the lines (their rates and totals never change).
  const repriced = change.discount ? repriceWithDiscount(current, change.discount) : current;
  const priceChanged =
    repriced.totalCents !== current.totalCents ||
    JSON.stringify(repriced.discount ?? null) !== JSON.stringify(current.discount ?? null);
  const status = change.status ? applyTransition(current.status, change.status) : current.status;
  const paid = current.paid || change.paid === true;
  const paidNow = paid !== current.paid;
  if (status === current.status && !paidNow && !priceChanged) return { kind: 'unchanged', order: current };
  // PATCH {paid: true} records a payment of the balance with method `other` (principle 21); the
  // mutation key is its id, so a replay never pays twice.
  const payments = [...(current.payments ?? [])];
  let paidCents = current.paidCents ?? 0;
  const balance = dueCents({ status, totalCents: repriced.totalCents }, paidCents);
  if (paidNow && balance > 0) {
    const payment: Payment = {
      id: change.key,
      method: 'other',
      amountCents: balance,
      tenderedCents: null,
      changeCents: 0,
      tipCents: 0,
      deviceId: change.actingDeviceId ?? current.deviceId,
      createdAt: at,
      refunds: [],
    };
    // The same ledger write as POST …/payments (listed in the device's open drawer, if any). No fingerprint:
    // the mutation key guards its replays, and a payments request reusing this id is a mismatch.
    await insertPaymentRow(tx, current.id, payment, null);
    payments.push(payment);
    paidCents += balance;
  }
  const kind = status !== current.status || paidNow ? eventKind(status !== current.status, paidNow) : null;
  // The event (order_events) is written by the same statement as the order, with the seq that change took;
  // a change of price alone writes no event (order_events records status moves and payments).
  const rows = await tx.query<{ seq: number | string }>(
    `WITH s AS (UPDATE seq_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq),
     moved AS (
       UPDATE orders SET status = $2::text, paid = $3::boolean, updated_at = $4::text, seq = s.seq,
                         total_cents = $7::bigint, discount = $8::jsonb, taxes = $9::jsonb,
                         payments = $10::jsonb, paid_cents = $11::bigint
       FROM s WHERE orders.id = $1::text
       RETURNING orders.seq),
     logged AS (
       INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id)
       SELECT moved.seq, $1::text, $5::text, $2::text, $3::boolean, $4::text, $6::text FROM moved
       WHERE $5::text IS NOT NULL)
     SELECT seq FROM moved`,
    [
      change.orderId,
      status,
      paid,
      at,
      kind,
      change.actingDeviceId ?? current.deviceId,
      repriced.totalCents,
      repriced.discount ? JSON.stringify(repriced.discount) : null,
      JSON.stringify(repriced.taxes ?? []),
      JSON.stringify(payments),
      paidCents,
    ],
  );
  return {
    kind: 'applied',
    order: {
      ...repriced,
      status,
      paid,
      payments,
      paidCents,
      dueCents: dueCents({ status, totalCents: repriced.totalCents }, paidCents),
      updatedAt: at,
      seq: Number(rows[0]?.seq),
    },
  };
}

/** The order priced again with another discount, at its own menu version (principle 20). */
function repriceWithDiscount(order: Order, change: NonNullable<OrderChange['discount']>): Order {
  const price = priceOrder(
    order.items.map((item) => ({
      lineTotalCents: item.lineTotalCents ?? item.qty * item.unitPriceCents,
      taxRate: item.taxRate ?? '',
    })),
    change.pricing,
    change.discount,
  );
  return {
    ...order,
    subtotalCents: price.subtotalCents,
    discount: price.discount,
    taxes: price.taxes,
    totalCents: price.totalCents,
  };
}

/** What an applied change did, as order_events.kind. */
function eventKind(statusMoved: boolean, paidNow: boolean): 'status' | 'paid' | 'status_paid' {
  if (statusMoved && paidNow) return 'status_paid';
  return paidNow ? 'paid' : 'status';
}
