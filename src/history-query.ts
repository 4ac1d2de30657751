// Builds the GET /api/orders/history and /api/reports/day URLs the History and Report screens call. Pure: the
// filters the user chose in, a URL out (the server validates with protocol/history.ts and day-report.ts).
import type { DayReportTable } from '../protocol/day-report.ts';
import type { FinishedStatus } from '../protocol/history.ts';
import { zonedDayBounds } from './zoned-day.ts';

export interface HistoryFilters {
  /** Order number or part of a customer name; blank means no search. */
  search: string;
  status: FinishedStatus | 'any';
  /** A calendar day YYYY-MM-DD in the shop's time zone, or '' for any day. */
  day: string;
}

export const NO_FILTERS: HistoryFilters = { search: '', status: 'any', day: '' };

/** `timeZone`: the shop's (Settings), whose midnights bound the day filter. */
export function historyUrl(
  filters: HistoryFilters,
  cursor: string | null,
  timeZone: string,
  limit = 20,
): string {
  const params = new URLSearchParams();
  const search = filters.search.trim();
  if (search !== '') params.set('q', search);
  if (filters.status !== 'any') params.set('status', filters.status);
  const bounds = zonedDayBounds(filters.day, timeZone);
  if (bounds) {
    params.set('from', bounds.from);
    params.set('to', bounds.to);
  }
  params.set('limit', String(limit));
  if (cursor !== null) params.set('cursor', cursor);
  return `/api/orders/history?${params.toString()}`;
}

/** This device's zone: the money screens use it only until the shop's settings are known. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The report as JSON, or one of its CSV tables (`orders`, the default, is left out of the address). */
export function dayReportUrl(
  day: string,
  tz: string,
  format: 'json' | 'csv',
  table: DayReportTable = 'orders',
): string {
  const params = new URLSearchParams({ date: day, tz });
  if (format === 'csv') params.set('format', 'csv');
  if (format === 'csv' && table !== 'orders') params.set('table', table);
  return `/api/reports/day?${params.toString()}`;
}

/** What a history search looks at, in one order: its number, customer, and each item's name and note. */
export function matchesSearch(
  order: { number: string; customerName: string; items?: readonly { name: string; note?: string }[] },
  search: string,
): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  const contains = (text: string | undefined) => (text ?? '').toLowerCase().includes(needle);
  return (
    contains(order.number) ||
    contains(order.customerName) ||
    (order.items ?? []).some((item) => contains(item.name) || contains(item.note))
  );
}

/**
 * The same filters applied on the device, to the finished orders it keeps for offline lookup: the search
 * anywhere in the number, the customer's name or the items (case-insensitive, like the server's search), the
 * status, and the day in the shop's time zone.
 */
export function matchesFilters(
  order: {
    number: string;
    customerName: string;
    status: string;
    createdAt: string;
    items?: readonly { name: string; note?: string }[];
  },
  filters: HistoryFilters,
  timeZone: string,
): boolean {
  if (!matchesSearch(order, filters.search)) return false;
  if (filters.status !== 'any' && order.status !== filters.status) return false;
  const bounds = zonedDayBounds(filters.day, timeZone);
  if (bounds && (order.createdAt < bounds.from || order.createdAt >= bounds.to)) return false;
  return true;
}
