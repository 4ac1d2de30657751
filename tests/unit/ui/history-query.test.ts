// The History and Report screens' request URLs: what each filter puts in the query, and that the server's
// own schemas accept every URL the screens build.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DayReportQuerySchema } from '../../../protocol/day-report.ts';
import { HistoryQuerySchema } from '../../../protocol/history.ts';
import {
  dayReportUrl,
  historyUrl,
  localDayBounds,
  localToday,
  matchesSearch,
  matchesFilters,
  NO_FILTERS,
} from '../../../src/history-query.ts';

const query = (url: string) => Object.fromEntries(new URL(url, 'http://localhost').searchParams);

describe('historyUrl', () => {
  it('sends only the limit when nothing is filtered', () => {
    expect(query(historyUrl(NO_FILTERS, null))).toEqual({ limit: '20' });
  });

  it('sends a trimmed search, the status and the cursor of the next page', () => {
    const url = historyUrl({ search: '  Ada ', status: 'completed', day: '' }, 'abc', 5);
    expect(query(url)).toEqual({ q: 'Ada', status: 'completed', limit: '5', cursor: 'abc' });
  });

  it('turns a day into the local midnight-to-midnight range, the end exclusive', () => {
    const { from, to } = query(historyUrl({ ...NO_FILTERS, day: '2026-03-14' }, null));
    expect(new Date(from!).getTime()).toBe(new Date(2026, 2, 14).getTime());
    expect(new Date(to!).getTime()).toBe(new Date(2026, 2, 15).getTime());
  });

  it('builds queries the server accepts', () => {
    const url = historyUrl({ search: 'B-01', status: 'cancelled', day: '2026-12-01' }, null);
    expect(v.safeParse(HistoryQuerySchema, query(url)).success).toBe(true);
  });
});

describe('localDayBounds', () => {
  it('refuses days that are not in the calendar, and blanks', () => {
    expect(localDayBounds('2026-02-30')).toBeNull();
    expect(localDayBounds('')).toBeNull();
  });
});

describe('dayReportUrl', () => {
  it('asks for CSV only for the download, and both parse on the server', () => {
    const json = query(dayReportUrl('2026-12-01', 'Europe/Berlin', 'json'));
    const csv = query(dayReportUrl('2026-12-01', 'Europe/Berlin', 'csv'));
    expect(json).toEqual({ date: '2026-12-01', tz: 'Europe/Berlin' });
    expect(csv.format).toBe('csv');
    expect(v.safeParse(DayReportQuerySchema, json).success).toBe(true);
    expect(v.safeParse(DayReportQuerySchema, csv).success).toBe(true);
  });

  it('defaults the report to the local calendar day', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('matchesFilters (the kept orders, filtered on the device)', () => {
  const order = {
    number: 'B-042',
    customerName: 'Ada Lovelace',
    status: 'completed',
    createdAt: new Date(2026, 11, 1, 12, 30).toISOString(),
    items: [
      { name: 'Flat white', note: 'oat milk' },
      { name: 'Butter croissant', note: '' },
    ],
  };
  const search = (text: string) => matchesFilters(order, { ...NO_FILTERS, search: text });

  it('finds the search anywhere in the number, the name or the items, in any case, like the server', () => {
    expect(['b-04', '042', '42', '2', ' ada ', 'Lovelace', 'FLAT', 'croiss', 'Oat'].map(search)).toEqual(
      Array(9).fill(true),
    );
    expect(['043', 'B-0421', 'Grace', 'espresso', '%'].map(search)).toEqual(Array(5).fill(false));
    // "001" and "1" both find B-001, as a person would type them.
    expect(matchesSearch({ number: 'B-001', customerName: '' }, '001')).toBe(true);
    expect(matchesSearch({ number: 'B-001', customerName: '' }, '1')).toBe(true);
  });

  it('filters by status and by local day', () => {
    expect(matchesFilters(order, { ...NO_FILTERS, status: 'cancelled' })).toBe(false);
    expect(matchesFilters(order, { ...NO_FILTERS, status: 'completed', day: '2026-12-01' })).toBe(true);
    expect(matchesFilters(order, { ...NO_FILTERS, day: '2026-12-02' })).toBe(false);
  });
});
