// The Part 3 half of GET /api/reports/day (DESIGN "HTTP API, part 3"): tax per rate as the sum of each
// non-cancelled order's own `taxes` (never recomputed per day), the discounts given, and options sold.
// Its own module so the report's wording and layout (day-report-store.ts) change apart from it.

import type { DayReportPricing } from '../../protocol/day-report.ts';
import type { SqlClient } from './sql-database.ts';

/** The day's non-cancelled orders, through the same partial indexes as the report (finished, active). */
const DAY_ORDERS = `
  SELECT items, taxes, discount FROM orders WHERE status = 'completed' AND created_at >= $1 AND created_at < $2
  UNION ALL
  SELECT items, taxes, discount FROM orders
  WHERE status IN ('pending', 'preparing', 'ready') AND created_at >= $1 AND created_at < $2`;

const PRICING_SQL = `
WITH day AS MATERIALIZED (${DAY_ORDERS}),
taxes AS (
  SELECT t->>'rate' AS rate, min(t->>'name') AS name, (t->>'rateBasisPoints')::int AS "rateBasisPoints",
         sum((t->>'netCents')::bigint) AS "netCents", sum((t->>'taxCents')::bigint) AS "taxCents",
         sum((t->>'grossCents')::bigint) AS "grossCents"
  FROM day, jsonb_array_elements(day.taxes) AS t
  GROUP BY t->>'rate', (t->>'rateBasisPoints')::int),
options AS (
  SELECT o->>'group' AS "group", o->>'option' AS option, min(o->>'name') AS name,
         sum((line->>'qty')::int) AS qty
  FROM day, jsonb_array_elements(day.items) AS line,
       jsonb_array_elements(coalesce(line->'options', '[]'::jsonb)) AS o
  GROUP BY o->>'group', o->>'option')
SELECT
  (SELECT coalesce(json_agg(taxes ORDER BY rate, "rateBasisPoints"), '[]'::json) FROM taxes) AS taxes,
  (SELECT coalesce(sum((discount->>'amountCents')::bigint), 0) FROM day WHERE discount IS NOT NULL) AS discounts,
  (SELECT coalesce(json_agg(options ORDER BY qty DESC, "group", option), '[]'::json) FROM options) AS options`;

interface PricingRow {
  taxes: {
    rate: string;
    name: string;
    rateBasisPoints: number;
    netCents: number | string;
    taxCents: number | string;
    grossCents: number | string;
  }[];
  discounts: number | string;
  options: { group: string; option: string; name: string; qty: number | string }[];
}

/** `lo`/`hi`: the day's bounds as canonical ISO text (day-report-store.ts computes them). */
export async function dayReportPricing(db: SqlClient, lo: string, hi: string): Promise<DayReportPricing> {
  const [row] = await db.query<PricingRow>(PRICING_SQL, [lo, hi]);
  if (!row) throw new Error('day report pricing: no row');
  return {
    taxes: row.taxes.map((tax) => ({
      rate: tax.rate,
      name: tax.name,
      rateBasisPoints: Number(tax.rateBasisPoints),
      netCents: Number(tax.netCents),
      taxCents: Number(tax.taxCents),
      grossCents: Number(tax.grossCents),
    })),
    discountsCents: Number(row.discounts),
    options: row.options.map((option) => ({
      group: option.group,
      option: option.option,
      name: option.name,
      qty: Number(option.qty),
    })),
  };
}
