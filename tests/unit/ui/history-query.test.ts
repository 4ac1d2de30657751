// The History and Report screens' request URLs: what each filter puts in the query (a day bounded by the
// shop's midnights, not the device's: this process runs in UTC), and that the server's own schemas accept
// every URL the screens build.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DayReportQuerySchema } from '../../../protocol/day-report.ts';
import { HistoryQuerySchema } from '../../../protocol/history.ts';
import {
  dayReportUrl,
  historyUrl,
  matchesSearch,
  matchesFilters,
  NO_FILTERS,
} from '../../../src/history-query.ts';

const query = (url: string) => Object.fromEntries(new URL(url, 'http://localhost').searchParams);

describe('historyUrl', () => {
  it('sends only the limit when nothing is filtered', () => {
    expect(query(historyUrl(NO_FILTERS, null, 'Pacific/Auckland'))).toEqual({ limit: '20' });
  });

  it('sends a trimmed search, the status and the cursor of the next page', () => {
    const url = historyUrl({ search: '  Ada ', status: 'completed', day: '' }, 'abc', 'UTC', 5);
    expect(query(url)).toEqual({ q: 'Ada', status: 'completed', limit: '5', cursor: 'abc' });
  });

  it("turns a day into the shop's midnight-to-midnight range, the end exclusive", () => {
    const { from, to } = query(historyUrl({ ...NO_FILTERS, day: '2026-03-14' }, null, 'Pacific/Auckland'));
    expect(from).toBe('2026-03-13T11:00:00.000Z');
    expect(to).toBe('2026-03-14T11:00:00.000Z');
  });

  it('builds queries the server accepts', () => {
    const url = historyUrl({ search: 'B-01', status: 'cancelled', day: '2026-12-01' }, null, 'Europe/Berlin');
    expect(v.safeParse(HistoryQuerySchema, query(url)).success).toBe(true);
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
});

describe('matchesFilters (the kept orders, filtered on the device)', () => {
  const order = {
    number: 'B-042',
    customerName: 'Ada Lovelace',
    status: 'completed',
    // 12:30 UTC: already 1:30 on 2 December in Auckland (UTC+13).
    createdAt: '2026-12-01T12:30:00.000Z',
    items: [
      { name: 'Flat white', note: 'oat milk' },
      { name: 'Butter croissant', note: '' },
    ],
  };
  const search = (text: string) => matchesFilters(order, { ...NO_FILTERS, search: text }, 'UTC');

  it('finds the search anywhere in the number, the name or the items, in any case, like the server', () => {
    expect(['b-04', '042', '42', '2', ' ada ', 'Lovelace', 'FLAT', 'croiss', 'Oat'].map(search)).toEqual(
      Array(9).fill(true),
    );
    expect(['043', 'B-0421', 'Grace', 'espresso', '%'].map(search)).toEqual(Array(5).fill(false));
    // "001" and "1" both find B-001, as a person would type them.
    expect(matchesSearch({ number: 'B-001', customerName: '' }, '001')).toBe(true);
    expect(matchesSearch({ number: 'B-001', customerName: '' }, '1')).toBe(true);
  });

  it("filters by status and by the shop's day", () => {
    expect(matchesFilters(order, { ...NO_FILTERS, status: 'cancelled' }, 'UTC')).toBe(false);
    expect(matchesFilters(order, { ...NO_FILTERS, status: 'completed', day: '2026-12-01' }, 'UTC')).toBe(
      true,
    );
    expect(matchesFilters(order, { ...NO_FILTERS, day: '2026-12-02' }, 'UTC')).toBe(false);
    // The same order, for a shop in Auckland: taken on its 2 December.
    expect(matchesFilters(order, { ...NO_FILTERS, day: '2026-12-02' }, 'Pacific/Auckland')).toBe(true);
    expect(matchesFilters(order, { ...NO_FILTERS, day: '2026-12-01' }, 'Pacific/Auckland')).toBe(false);
  });
});
