// Days in the shop's time zone, computed on a device whose clock is in another one (this process runs in UTC,
// checked first): the Report's default day and the History day filter's bounds follow the shop's midnights.
import { describe, expect, it } from 'vitest';
import { zonedDayBounds, zonedToday } from '../../../src/history-query.ts';

describe('zoned days (the test process runs in UTC)', () => {
  it('runs where the device zone is UTC, so the shop zones below are far from it', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
  });

  it("today is the shop's date, not the device's: Auckland is already on the next day", () => {
    const lateMorningUtc = new Date('2026-03-13T12:30:00Z');
    expect(zonedToday('Pacific/Auckland', lateMorningUtc)).toBe('2026-03-14');
    expect(zonedToday('Pacific/Pago_Pago', new Date('2026-03-14T05:00:00Z'))).toBe('2026-03-13');
    expect(zonedToday('UTC', lateMorningUtc)).toBe('2026-03-13');
  });

  it("bounds a day by the shop's midnights: 00:00 in Auckland (UTC+13) is 11:00 UTC the day before", () => {
    expect(zonedDayBounds('2026-03-14', 'Pacific/Auckland')).toEqual({
      from: '2026-03-13T11:00:00.000Z',
      to: '2026-03-14T11:00:00.000Z',
    });
    expect(zonedDayBounds('2026-03-14', 'Asia/Kolkata')).toEqual({
      from: '2026-03-13T18:30:00.000Z',
      to: '2026-03-14T18:30:00.000Z',
    });
  });

  it('gives the days of a DST change 25 and 23 hours', () => {
    // Auckland leaves daylight time on 5 April 2026 (03:00 → 02:00) and enters it on 27 September (02:00 → 03:00).
    expect(zonedDayBounds('2026-04-05', 'Pacific/Auckland')).toEqual({
      from: '2026-04-04T11:00:00.000Z',
      to: '2026-04-05T12:00:00.000Z',
    });
    expect(zonedDayBounds('2026-09-27', 'Pacific/Auckland')).toEqual({
      from: '2026-09-26T12:00:00.000Z',
      to: '2026-09-27T11:00:00.000Z',
    });
  });

  it('starts a day whose midnight the clocks skip at the jump, and one with two midnights at the first', () => {
    // Havana springs forward at midnight: 8 March 2026 begins at 01:00 daylight time (UTC-4).
    expect(zonedDayBounds('2026-03-08', 'America/Havana')?.from).toBe('2026-03-08T05:00:00.000Z');
    // The Azores fall back at 01:00 to 00:00: 25 October 2026 has two midnights; the day starts at the first.
    expect(zonedDayBounds('2026-10-25', 'Atlantic/Azores')).toEqual({
      from: '2026-10-25T00:00:00.000Z',
      to: '2026-10-26T01:00:00.000Z',
    });
  });

  it('refuses days that are not in the calendar, and blanks', () => {
    expect(zonedDayBounds('2026-02-30', 'Pacific/Auckland')).toBeNull();
    expect(zonedDayBounds('', 'UTC')).toBeNull();
    expect(zonedDayBounds('2026-3-1', 'UTC')).toBeNull();
  });
});
