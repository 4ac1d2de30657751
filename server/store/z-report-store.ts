// Closing a drawer into its Z report (DESIGN.md Part 3, principle 22), inside the caller's transaction, and
// reading reports back. Numbers are gapless per shop: see z_counter in migrations/010-drawers.sql.

import type { ZReport, ZReportMethod } from '../../protocol/drawer.ts';
import { expectedCashCents } from '../../protocol/drawer.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../protocol/order.ts';
import { drawerMovements, movementTotals, openDrawerRow, type DrawerCloseInput } from './drawer-store.ts';
import type { SqlClient } from './sql-database.ts';

export type CloseResult =
  | { kind: 'closed'; report: ZReport }
  | { kind: 'replayed'; report: ZReport }
  | { kind: 'mismatch' }
  | { kind: 'no_open_drawer' };

type Cents = number | string;

/** Payments and refunds of one drawer by method, aggregated in SQL (a drawer may hold thousands). */
async function byMethod(tx: SqlClient, drawerId: string): Promise<ZReportMethod[]> {
  const rows = await tx.query<{
    method: PaymentMethod;
    count: Cents;
    amount: Cents;
    tips: Cents;
    refunds: Cents;
  }>(
    `SELECT m.method,
            coalesce(p.count, 0) AS count, coalesce(p.amount, 0) AS amount, coalesce(p.tips, 0) AS tips,
            coalesce(r.amount, 0) AS refunds
     FROM unnest($2::text[]) AS m(method)
     LEFT JOIN (SELECT method, count(*) AS count, sum(amount_cents) AS amount, sum(tip_cents) AS tips
                FROM payments WHERE drawer_id = $1 GROUP BY method) p ON p.method = m.method
     LEFT JOIN (SELECT method, sum(amount_cents) AS amount
                FROM refunds WHERE drawer_id = $1 GROUP BY method) r ON r.method = m.method`,
    [drawerId, PAYMENT_METHODS],
  );
  const found = new Map(rows.map((row) => [row.method, row]));
  // Always every method, in the protocol's order, so reports and CSV read the same way.
  return PAYMENT_METHODS.map((method) => {
    const row = found.get(method);
    return {
      method,
      count: Number(row?.count ?? 0),
      amountCents: Number(row?.amount ?? 0),
      tipsCents: Number(row?.tips ?? 0),
      refundsCents: Number(row?.refunds ?? 0),
    };
  });
}

async function storedReport(
  tx: SqlClient,
  closeId: string,
): Promise<{ fingerprint: string; report: ZReport } | null> {
  const rows = await tx.query<{ fingerprint: string; report: ZReport }>(
    'SELECT fingerprint, report FROM z_reports WHERE close_id = $1',
    [closeId],
  );
  return rows[0] ?? null;
}

/**
 * POST /api/drawer/close: locks the device's open drawer (a payment still writing into it finishes first and is
 * counted), sums it, takes the next Z number and stores the report once. A replay answers the stored report.
 */
export async function closeDrawerIn(
  tx: SqlClient,
  body: DrawerCloseInput,
  fingerprint: string,
): Promise<CloseResult> {
  const stored = await storedReport(tx, body.id);
  if (stored) {
    return stored.fingerprint === fingerprint
      ? { kind: 'replayed', report: stored.report }
      : { kind: 'mismatch' };
  }
  const drawer = await openDrawerRow(tx, body.deviceId, 'update');
  if (!drawer) return { kind: 'no_open_drawer' };
  const methods = await byMethod(tx, drawer.id);
  const movements = await drawerMovements(tx, drawer.id);
  const totals = movementTotals(movements);
  const cash = methods.find((m) => m.method === 'cash');
  const floatCents = Number(drawer.float_cents);
  const salesCents = cash?.amountCents ?? 0;
  const refundsCents = cash?.refundsCents ?? 0;
  const expectedCents = expectedCashCents({
    floatCents,
    cashSalesCents: salesCents,
    cashRefundsCents: refundsCents,
    paidInCents: totals.inCents,
    paidOutCents: totals.outCents,
  });
  const names = await tx.query<{ name: string }>('SELECT name FROM devices WHERE id = $1', [body.deviceId]);
  // The row lock on the counter orders concurrent closes; a rollback returns the number (no gap).
  const counter = await tx.query<{ last: number | string }>(
    'UPDATE z_counter SET last = last + 1 WHERE id = 1 RETURNING last',
  );
  const report: ZReport = {
    number: Number(counter[0]?.last),
    deviceId: body.deviceId,
    deviceName: names[0]?.name ?? '',
    openedAt: drawer.opened_at,
    closedAt: body.createdAt,
    floatCents,
    cash: {
      salesCents,
      refundsCents,
      paidInCents: totals.inCents,
      paidOutCents: totals.outCents,
      expectedCents,
      countedCents: body.countedCents,
      differenceCents: body.countedCents - expectedCents,
    },
    byMethod: methods,
    movements,
    openedImplicitly: drawer.opened_implicitly,
  };
  await tx.query('UPDATE drawers SET closed_at = $2 WHERE id = $1', [drawer.id, body.createdAt]);
  await tx.query(
    `INSERT INTO z_reports (number, close_id, drawer_id, device_id, closed_at, fingerprint, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [report.number, body.id, drawer.id, body.deviceId, body.createdAt, fingerprint, JSON.stringify(report)],
  );
  return { kind: 'closed', report };
}

/** GET /api/reports/z/:number. */
export async function readZReport(db: SqlClient, number: number): Promise<ZReport | null> {
  const rows = await db.query<{ report: ZReport }>('SELECT report FROM z_reports WHERE number = $1', [
    number,
  ]);
  return rows[0]?.report ?? null;
}

/** The most a listing answers; a shop closes a few drawers a day. */
export const Z_LIST_MAX = 1000;

/** GET /api/reports/z?from&to: reports closed in [from, to) (ISO instants), by number. */
export async function listZReports(
  db: SqlClient,
  from: string | null,
  to: string | null,
): Promise<ZReport[]> {
  const rows = await db.query<{ report: ZReport }>(
    `SELECT report FROM z_reports
     WHERE ($1::text IS NULL OR closed_at >= $1::text) AND ($2::text IS NULL OR closed_at < $2::text)
     ORDER BY number LIMIT $3`,
    [from, to, Z_LIST_MAX],
  );
  return rows.map((row) => row.report);
}
