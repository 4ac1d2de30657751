// GET /api/reports/day (DESIGN.md "HTTP API, part 2"): the query schema and the answer's shape.
// Pure: no DOM, no Node. Money is integer cents; hours are the shop's local clock hours.

import * as v from 'valibot';
import type { OrderTax, PaymentMethod } from './order.ts';

export interface DayReportItem {
  menuItemId: string;
  name: string;
  qty: number;
  revenueCents: number;
}

export interface DayReportHour {
  /** Local clock hour 0–23. A 25-hour day lists its repeated hour twice, a 23-hour day skips one. */
  hour: number;
  /** UTC start of this hour (tells the two repeated hours of a 25-hour day apart). */
  start: string;
  orders: number;
  revenueCents: number;
}

/** Part 3 (DESIGN "HTTP API, part 3"): tax per rate summed from each order's taxes, discounts, options sold. */
export interface DayReportPricing {
  taxes: OrderTax[];
  discountsCents: number;
  options: { group: string; option: string; name: string; qty: number }[];
}

/** Part 3 (principle 21): payments by method on their local date, refunds on theirs, refund still due. */
export interface DayReportPayments {
  payments: {
    method: PaymentMethod;
    count: number;
    amountCents: number;
    tipsCents: number;
    refundsCents: number;
  }[];
  /** Σ over the day's orders of what they paid beyond what they owe (−dueCents where dueCents < 0). */
  refundDueCents: number;
}

export interface DayReport extends Partial<DayReportPricing>, Partial<DayReportPayments> {
  date: string;
  tz: string;
  /** The menu's currency (ISO 4217), for showing the amounts. */
  currency: string;
  /** Every order created that local day, whatever its status: orders = active + completed + cancelled. */
  orders: number;
  /** Still pending, preparing or ready. */
  active: number;
  completed: number;
  cancelled: number;
  /** Completed orders only; revenueCents = paidCents + unpaidCents (see docs/decisions.md). */
  revenueCents: number;
  paidCents: number;
  unpaidCents: number;
  /** Orders not cancelled and not paid (active or completed): what is still to collect. */
  unpaidOrders: number;
  /** The total of the active unpaid orders (not in revenue yet: they are not completed). */
  activeUnpaidCents: number;
  items: DayReportItem[];
  byHour: DayReportHour[];
  /** pending → ready, seconds, over the day's orders that reached ready; null when none did. */
  prepSeconds: { p50: number | null; p90: number | null };
}

/** A date that exists in the calendar (2026-02-30 does not). */
function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ZONES = new Set(Intl.supportedValuesOf('timeZone'));

/** IANA zones this runtime knows; 'UTC' is accepted though Intl lists it only under its aliases' canon. */
export function isKnownTimeZone(tz: string): boolean {
  return tz === 'UTC' || ZONES.has(tz);
}

export const DAY_REPORT_TABLES = ['orders', 'items'] as const;
export type DayReportTable = (typeof DAY_REPORT_TABLES)[number];

export const DayReportQuerySchema = v.strictObject({
  date: v.pipe(
    v.string('must be a string'),
    v.regex(/^(20[0-9]{2})-[0-9]{2}-[0-9]{2}$/, 'must be a date YYYY-MM-DD (2000–2099)'),
    v.check(isCalendarDay, 'must be a real date'),
  ),
  /** Absent: the shop's time zone from the settings (DESIGN principle 25; docs/decisions.md). */
  tz: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.maxLength(64),
      v.check(isKnownTimeZone, 'must be an IANA time zone'),
    ),
  ),
  format: v.optional(v.picklist(['json', 'csv'], 'must be json or csv'), 'json'),
  /** Which table a CSV holds (one table per file, docs/decisions.md); ignored for JSON. */
  table: v.optional(v.picklist(DAY_REPORT_TABLES, 'must be orders or items'), 'orders'),
});
export type DayReportQuery = v.InferOutput<typeof DayReportQuerySchema>;
