// Builds the GET /api/orders/history and /api/reports/day URLs the History and Report screens call, and the
// days they ask for: calendar days in the shop's time zone (Settings), whatever zone this device's clock is set
// to. Pure: the filters the user chose in, a URL out (the server validates with protocol/history.ts, day-report.ts).
import type { DayReportTable } from '../protocol/day-report.ts';
import type { FinishedStatus } from '../protocol/history.ts';

const DAY_MS = 86_400_000;
const clocks = new Map<string, Intl.DateTimeFormat>();

/** The wall clock `timeZone` shows at `instant`, read back as if it were UTC (its offset is the difference). */
function wallClock(instant: number, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour') % 24,
    part('minute'),
    part('second'),
  );
}

/** YYYY-MM-DD of the calendar day `timeZone` is in at `now` (the Report's default day). */
export function zonedToday(timeZone: string, now: Date = new Date()): string {
  return new Date(wallClock(now.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant of the local day whose midnight reads as `wall` (UTC milliseconds of that date). Two
 * guesses with the offsets around it; the earliest that falls on that date wins, so a day whose midnight the
 * clocks skip (Havana, Santiago: 00:00 → 01:00) starts at the jump, and one with two midnights at the first.
 */
function dayStart(wall: number, timeZone: string): number {
  const first = wall - (wallClock(wall, timeZone) - wall);
  const second = wall - (wallClock(first, timeZone) - first);
  const onTheDay = [first, second].filter((instant) => {
    const reading = wallClock(instant, timeZone);
    return reading >= wall && reading < wall + DAY_MS;
  });
  return onTheDay.length === 0 ? second : Math.min(...onTheDay);
}

/**
 * The UTC instants where the calendar day `day` (YYYY-MM-DD) starts in `timeZone` and where the next one
 * starts (23 or 25 hours apart across a DST change); null for a blank or a date not in the calendar.
 */
export function zonedDayBounds(day: string, timeZone: string): { from: string; to: string } | null {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(day);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(wall).toISOString().slice(0, 10) !== day) return null;
  return {
    from: new Date(dayStart(wall, timeZone)).toISOString(),
    to: new Date(dayStart(wall + DAY_MS, timeZone)).toISOString(),
  };
}

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
  const bounds = lastDayBounds(filters.day, timeZone);
  if (bounds && (order.createdAt < bounds.from || order.createdAt >= bounds.to)) return false;
  return true;
}

/** zonedDayBounds of the day last asked for: a list is filtered by one day, and each bound costs ~6 Intl reads. */
let lastBounds: { day: string; timeZone: string; bounds: ReturnType<typeof zonedDayBounds> } | null = null;
function lastDayBounds(day: string, timeZone: string): ReturnType<typeof zonedDayBounds> {
  if (lastBounds?.day !== day || lastBounds.timeZone !== timeZone)
    lastBounds = { day, timeZone, bounds: zonedDayBounds(day, timeZone) };
  return lastBounds.bounds;
}
