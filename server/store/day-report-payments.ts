// The money half of GET /api/reports/day (DESIGN "HTTP API, part 3"): payments by method on the payment's local
// date, refunds by method on the refund's local date (the day the money went back), and the refund still due on
// the day's orders. Its own module, like day-report-pricing.ts.

import type { DayReportPayments } from '../../protocol/day-report.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../protocol/order.ts';
import type { SqlClient } from './sql-database.ts';

const PAYMENTS_SQL = `
SELECT
  (SELECT coalesce(json_agg(p), '[]'::json) FROM (
     SELECT method, count(*) AS count, sum(amount_cents) AS amount, sum(tip_cents) AS tips
     FROM payments WHERE created_at >= $1 AND created_at < $2 GROUP BY method) p) AS payments,
  (SELECT coalesce(json_agg(r), '[]'::json) FROM (
     SELECT method, sum(amount_cents) AS amount
     FROM refunds WHERE created_at >= $1 AND created_at < $2 GROUP BY method) r) AS refunds,
  -- What the day's orders paid beyond what they owe (a cancelled order owes nothing): dueCents < 0. The day is
  -- read through the two partial indexes (finished, active) as the report's other halves are: on all orders
  -- the planner scanned the whole table (527 ms for a 2,000-order day among 1,000,000, 6 December).
  (SELECT coalesce(sum(paid_cents - CASE WHEN status = 'cancelled' THEN 0 ELSE total_cents END), 0)
   FROM (
     SELECT status, paid_cents, total_cents FROM orders
     WHERE status IN ('completed', 'cancelled') AND created_at >= $1 AND created_at < $2
     UNION ALL
     SELECT status, paid_cents, total_cents FROM orders
     WHERE status IN ('pending', 'preparing', 'ready') AND created_at >= $1 AND created_at < $2
   ) AS day
   WHERE paid_cents > 0 AND paid_cents > CASE WHEN status = 'cancelled' THEN 0 ELSE total_cents END) AS refund_due`;

type Cents = number | string;
interface PaymentsRow {
  payments: { method: PaymentMethod; count: Cents; amount: Cents; tips: Cents }[];
  refunds: { method: PaymentMethod; amount: Cents }[];
  refund_due: Cents;
}

/** `lo`/`hi`: the day's bounds as canonical ISO text (day-report-store.ts computes them). */
export async function dayReportPayments(db: SqlClient, lo: string, hi: string): Promise<DayReportPayments> {
  const [row] = await db.query<PaymentsRow>(PAYMENTS_SQL, [lo, hi]);
  if (!row) throw new Error('day report payments: no row');
  return {
    // Every method, in the protocol's order, so the report and its CSV always read the same way.
    payments: PAYMENT_METHODS.map((method) => {
      const paid = row.payments.find((p) => p.method === method);
      const refunded = row.refunds.find((r) => r.method === method);
      return {
        method,
        count: Number(paid?.count ?? 0),
        amountCents: Number(paid?.amount ?? 0),
        tipsCents: Number(paid?.tips ?? 0),
        refundsCents: Number(refunded?.amount ?? 0),
      };
    }),
    refundDueCents: Number(row.refund_due),
  };
}
