// The day report, computed in SQL in the shop's time zone: an order counts on the local date of its
// createdAt in `tz`; revenue is completed orders; prep time is pending → first ready in order_events.

import type { DayReport, DayReportHour, DayReportItem } from '../../protocol/day-report.ts';
import type { OrderItem, OrderStatus, Payment } from '../../protocol/order.ts';
import { dayReportPayments } from './day-report-payments.ts';
import { dayReportPricing } from './day-report-pricing.ts';
import type { SqlClient } from './sql-database.ts';

/** The stored createdAt form (Date#toISOString), so text comparison against created_at is time order. */
const CANONICAL = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** One order of the day, for the CSV. */
export interface DayOrder {
  number: string;
  createdAt: string;
  status: OrderStatus;
  paid: boolean;
  customerName: string;
  items: OrderItem[];
  totalCents: number;
  /** Part 3: payments − refunds, and the ledger (for the CSV's money columns). */
  paidCents: number;
  payments: Payment[];
}

interface Bounds {
  lo_text: string;
  hi_text: string;
  slots: { slot: number; hour: number; start: string }[];
}

interface ReportRow {
  totals: {
    orders: number;
    active: number;
    completed: number;
    cancelled: number;
    revenue: number;
    paid: number;
    unpaid: number;
    unpaid_orders: number;
    active_unpaid: number;
  };
  items: { menuItemId: string; name: string; qty: number; revenueCents: number }[];
  hours: { slot: number; orders: number; revenue: number }[];
  prep: { p50: number | null; p90: number | null };
  orders: DayOrder[] | null;
  currency: string;
}

/** Each partial index (active, finished) serves its half of the day; no index on all orders is needed. */
const DAY = (columns: string) => `
  SELECT ${columns} FROM orders WHERE status IN ('completed', 'cancelled') AND created_at >= $1 AND created_at < $2
  UNION ALL
  SELECT ${columns} FROM orders WHERE status IN ('pending', 'preparing', 'ready') AND created_at >= $1 AND created_at < $2`;

export const REPORT_SQL = `
WITH day AS MATERIALIZED (${DAY(`id, number, status, paid, customer_name, items, total_cents, created_at, paid_cents, payments,
  floor(extract(epoch FROM (created_at::timestamptz - $3::timestamptz)) / 3600)::int AS slot`)}),
totals AS (
  SELECT count(*)::int AS orders,
         count(*) FILTER (WHERE status = 'completed')::int AS completed,
         count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
         count(*) FILTER (WHERE status IN ('pending', 'preparing', 'ready'))::int AS active,
         count(*) FILTER (WHERE status <> 'cancelled' AND NOT paid)::int AS unpaid_orders,
         coalesce(sum(total_cents) FILTER (WHERE status IN ('pending', 'preparing', 'ready') AND NOT paid), 0)::bigint
           AS active_unpaid,
         coalesce(sum(total_cents) FILTER (WHERE status = 'completed'), 0)::bigint AS revenue,
         coalesce(sum(total_cents) FILTER (WHERE status = 'completed' AND paid), 0)::bigint AS paid,
         coalesce(sum(total_cents) FILTER (WHERE status = 'completed' AND NOT paid), 0)::bigint AS unpaid
  FROM day),
items AS (
  SELECT line->>'menuItemId' AS "menuItemId", min(line->>'name') AS name,
         sum((line->>'qty')::int)::int AS qty,
         sum((line->>'qty')::bigint * (line->>'unitPriceCents')::bigint)::bigint AS "revenueCents"
  FROM day, jsonb_array_elements(day.items) AS line
  WHERE day.status = 'completed'
  GROUP BY line->>'menuItemId'),
hours AS (
  SELECT slot, count(*)::int AS orders,
         coalesce(sum(total_cents) FILTER (WHERE status = 'completed'), 0)::bigint AS revenue
  FROM day GROUP BY slot),
-- Per order through order_events_order_idx: a hash join would read every event ever recorded.
prep AS (
  SELECT extract(epoch FROM (ev.ready::timestamptz - ev.started::timestamptz)) AS secs
  FROM day CROSS JOIN LATERAL (
    SELECT min(at) FILTER (WHERE status = 'ready') AS ready, min(at) FILTER (WHERE kind = 'created') AS started
    FROM order_events WHERE order_id = day.id) AS ev)
SELECT
  (SELECT row_to_json(totals) FROM totals) AS totals,
  coalesce((SELECT currency FROM menu_head WHERE id = 1), 'EUR') AS currency,
  (SELECT coalesce(json_agg(items ORDER BY qty DESC, "menuItemId"), '[]'::json) FROM items) AS items,
  (SELECT coalesce(json_agg(hours), '[]'::json) FROM hours) AS hours,
  (SELECT json_build_object(
     'p50', percentile_cont(0.5) WITHIN GROUP (ORDER BY secs),
     'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY secs)) FROM prep WHERE secs IS NOT NULL) AS prep,
  CASE WHEN $4::boolean THEN (
    SELECT coalesce(json_agg(json_build_object('number', number, 'createdAt', created_at, 'status', status,
      'paid', paid, 'customerName', customer_name, 'items', items, 'totalCents', total_cents,
      'paidCents', paid_cents, 'payments', payments)
      ORDER BY created_at, id), '[]'::json) FROM day) END AS orders`;

export interface DayReportStore {
  /** The report; with `withOrders`, also every order of the day oldest first (one statement, one snapshot). */
  report(date: string, tz: string, withOrders: boolean): Promise<{ report: DayReport; orders: DayOrder[] }>;
}

export function createDayReportStore(db: SqlClient): DayReportStore {
  return {
    async report(date, tz, withOrders) {
      // Local midnight to next local midnight: 23 or 25 hours on daylight-saving days.
      const [bounds] = await db.query<Bounds>(
        `WITH b AS (SELECT ($1::date::timestamp AT TIME ZONE $2) AS lo,
                           (($1::date + 1)::timestamp AT TIME ZONE $2) AS hi)
         SELECT to_char(lo AT TIME ZONE 'UTC', ${CANONICAL}) AS lo_text,
                to_char(hi AT TIME ZONE 'UTC', ${CANONICAL}) AS hi_text,
                (SELECT json_agg(json_build_object(
                   'slot', s,
                   'hour', extract(hour FROM (lo + s * interval '1 hour') AT TIME ZONE $2)::int,
                   'start', to_char((lo + s * interval '1 hour') AT TIME ZONE 'UTC', ${CANONICAL})) ORDER BY s)
                 FROM generate_series(0, ceil(extract(epoch FROM hi - lo) / 3600)::int - 1) AS s) AS slots
         FROM b`,
        [date, tz],
      );
      if (!bounds) throw new Error(`day report ${date} ${tz}: no bounds`);
      const [row] = await db.query<ReportRow>(REPORT_SQL, [
        bounds.lo_text,
        bounds.hi_text,
        bounds.lo_text,
        withOrders,
      ]);
      if (!row) throw new Error(`day report ${date} ${tz}: no row`);
      const byHourSlot = new Map(row.hours.map((h) => [h.slot, h]));
      const byHour: DayReportHour[] = bounds.slots.map((s) => ({
        hour: s.hour,
        start: s.start,
        orders: byHourSlot.get(s.slot)?.orders ?? 0,
        revenueCents: Number(byHourSlot.get(s.slot)?.revenue ?? 0),
      }));
      const items: DayReportItem[] = row.items.map((item) => ({
        menuItemId: item.menuItemId,
        name: item.name,
        qty: Number(item.qty),
        revenueCents: Number(item.revenueCents),
      }));
      const prep = row.prep ?? { p50: null, p90: null };
      return {
        report: {
          date,
          tz,
          currency: row.currency,
          orders: Number(row.totals.orders),
          active: Number(row.totals.active),
          completed: Number(row.totals.completed),
          cancelled: Number(row.totals.cancelled),
          revenueCents: Number(row.totals.revenue),
          paidCents: Number(row.totals.paid),
          unpaidCents: Number(row.totals.unpaid),
          unpaidOrders: Number(row.totals.unpaid_orders),
          activeUnpaidCents: Number(row.totals.active_unpaid),
          items,
          byHour,
          prepSeconds: {
            p50: prep.p50 === null ? null : Number(prep.p50),
            p90: prep.p90 === null ? null : Number(prep.p90),
          },
          // Part 3 hook: taxes, discounts and options (day-report-pricing.ts).
          ...(await dayReportPricing(db, bounds.lo_text, bounds.hi_text)),
          ...(await dayReportPayments(db, bounds.lo_text, bounds.hi_text)),
        },
        orders: (row.orders ?? []).map((order) => ({
          ...order,
          totalCents: Number(order.totalCents),
          paidCents: Number(order.paidCents),
        })),
      };
    },
  };
}
