// Payments and refunds (DESIGN.md Part 3, principle 21) as writes over an open transaction: the ledger row, the
// drawer it counts in, and the order's payments / paidCents / paid with a new seq, so a lone request, a batch
// and PATCH {paid: true} run the same SQL. Money is recorded whatever the order's state; never refused here.

import type { Order, Payment, Refund } from '../../protocol/order.ts';
import { refundableCents, settle } from '../../protocol/payments.ts';
import { paymentFromBody, type PaymentBodyFields } from '../../protocol/settlement.ts';
import { drawerForCash, drawerIfOpen } from './drawer-store.ts';
import { dueCents } from './order-rows.ts';
import { selectOrder } from './order-writes.ts';
import type { SqlClient } from './sql-database.ts';

/** A payment body as validated: the shape `settle` and the device's queued view read too. */
export type PaymentInput = PaymentBodyFields;
export interface RefundInput {
  id: string;
  paymentId: string;
  amountCents: number;
  reason: string;
  deviceId: string;
  createdAt: string;
}

export interface PaymentWrite {
  orderId: string;
  payment: PaymentInput;
  fingerprint: string;
}
export interface RefundWrite {
  orderId: string;
  refund: RefundInput;
  fingerprint: string;
}

export type MoneyResult =
  | { kind: 'recorded'; order: Order }
  | { kind: 'replayed'; order: Order }
  | { kind: 'mismatch' }
  | { kind: 'not_found' }
  | { kind: 'unknown_payment' }
  | { kind: 'exceeds'; refundableCents: number };

/** A payment's or refund's fingerprint: the order it is for and its body's fields in a fixed order. */
export function moneyFingerprint(orderId: string, body: object): string {
  const fields = Object.entries(body)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([orderId, fields]);
}

/** The ledger row of one payment, in the drawer it counts in (cash: always one; others: the open one, if any). */
export async function insertPaymentRow(
  tx: SqlClient,
  orderId: string,
  payment: Payment,
  fingerprint: string | null,
): Promise<void> {
  const drawerId =
    payment.method === 'cash'
      ? await drawerForCash(tx, payment.deviceId, payment.id, payment.createdAt)
      : await drawerIfOpen(tx, payment.deviceId);
  await tx.query(
    `INSERT INTO payments (id, order_id, method, amount_cents, tendered_cents, change_cents, tip_cents,
                           device_id, created_at, fingerprint, drawer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      payment.id,
      orderId,
      payment.method,
      payment.amountCents,
      payment.tenderedCents,
      payment.changeCents,
      payment.tipCents,
      payment.deviceId,
      payment.createdAt,
      fingerprint,
      drawerId,
    ],
  );
}

/**
 * Writes the order's new ledger (payments jsonb, paidCents, derived `paid`) with the next seq, and a `paid` event
 * when it became paid. `at` is the server's ISO time (updatedAt).
 */
async function saveLedger(
  tx: SqlClient,
  current: Order,
  payments: Payment[],
  at: string,
  actingDeviceId: string,
): Promise<Order> {
  const settled = settle(current, payments);
  const kind = settled.paid && !current.paid ? 'paid' : null;
  const rows = await tx.query<{ seq: number | string }>(
    `WITH s AS (UPDATE seq_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq),
     moved AS (
       UPDATE orders SET paid = $2::boolean, updated_at = $3::text, seq = s.seq,
                         payments = $4::jsonb, paid_cents = $5::bigint
       FROM s WHERE orders.id = $1::text
       RETURNING orders.seq),
     logged AS (
       INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id)
       SELECT moved.seq, $1::text, $6::text, $7::text, $2::boolean, $3::text, $8::text FROM moved
       WHERE $6::text IS NOT NULL)
     SELECT seq FROM moved`,
    [
      current.id,
      settled.paid,
      at,
      JSON.stringify(payments),
      settled.paidCents,
      kind,
      current.status,
      actingDeviceId,
    ],
  );
  return {
    ...current,
    payments,
    paid: settled.paid,
    paidCents: settled.paidCents,
    dueCents: dueCents(current, settled.paidCents),
    updatedAt: at,
    seq: Number(rows[0]?.seq),
  };
}

/** Replay or mismatch of an id already in `table`, or null when the id is new. */
async function replayOf(
  tx: SqlClient,
  table: 'payments' | 'refunds',
  id: string,
  fingerprint: string,
): Promise<MoneyResult | null> {
  const used = await tx.query<{ order_id: string; fingerprint: string | null }>(
    `SELECT order_id, fingerprint FROM ${table} WHERE id = $1`,
    [id],
  );
  if (!used[0]) return null;
  if (used[0].fingerprint !== fingerprint) return { kind: 'mismatch' };
  const order = await selectOrder(tx, used[0].order_id, false);
  if (!order) throw new Error(`${table} ${id}: its order vanished`);
  return { kind: 'replayed', order };
}

/** POST /api/orders/:id/payments: recorded whatever the order's state (cancelled, paid, paid twice). */
export async function recordPaymentIn(tx: SqlClient, write: PaymentWrite, at: string): Promise<MoneyResult> {
  const { payment: body, orderId, fingerprint } = write;
  const replay = await replayOf(tx, 'payments', body.id, fingerprint);
  if (replay) return replay;
  const current = await selectOrder(tx, orderId, true);
  if (!current) return { kind: 'not_found' };
  const payment = paymentFromBody(body);
  await insertPaymentRow(tx, orderId, payment, fingerprint);
  const order = await saveLedger(tx, current, [...(current.payments ?? []), payment], at, body.deviceId);
  return { kind: 'recorded', order };
}

/** POST /api/orders/:id/refunds: names a payment of this order and never exceeds what is left of it. */
export async function recordRefundIn(tx: SqlClient, write: RefundWrite, at: string): Promise<MoneyResult> {
  const { refund: body, orderId, fingerprint } = write;
  const replay = await replayOf(tx, 'refunds', body.id, fingerprint);
  if (replay) return replay;
  const current = await selectOrder(tx, orderId, true);
  if (!current) return { kind: 'not_found' };
  const payments = current.payments ?? [];
  const paid = payments.find((p) => p.id === body.paymentId);
  if (!paid) return { kind: 'unknown_payment' };
  const left = refundableCents(paid);
  if (body.amountCents > left) return { kind: 'exceeds', refundableCents: left };
  // Cash comes out of the drawer of the named device; other methods are listed in its open drawer, if any.
  const drawerId =
    paid.method === 'cash'
      ? await drawerForCash(tx, body.deviceId, body.id, body.createdAt)
      : await drawerIfOpen(tx, body.deviceId);
  await tx.query(
    `INSERT INTO refunds (id, payment_id, order_id, method, amount_cents, reason, device_id, drawer_id,
                          created_at, fingerprint)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      body.id,
      paid.id,
      orderId,
      paid.method,
      body.amountCents,
      body.reason,
      body.deviceId,
      drawerId,
      body.createdAt,
      fingerprint,
    ],
  );
  const refund: Refund = {
    id: body.id,
    amountCents: body.amountCents,
    reason: body.reason,
    deviceId: body.deviceId,
    createdAt: body.createdAt,
  };
  const next = payments.map((p) => (p.id === paid.id ? { ...p, refunds: [...p.refunds, refund] } : p));
  return { kind: 'recorded', order: await saveLedger(tx, current, next, at, body.deviceId) };
}
