// Display-time percentiles and how ages read on the counter.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAge, formatMoney } from '../../../src/display-format.ts';
import { DisplayTiming } from '../../../src/display-timing.ts';
import { activate } from '../../../src/i18n.ts';

// The words come from the English catalogue, as on a device whose language is English.
beforeAll(() => activate('en'));

describe('DisplayTiming', () => {
  it('reports nearest-rank p50 and p95', () => {
    const timing = new DisplayTiming();
    for (let ms = 1; ms <= 100; ms++) timing.record(ms);
    expect(timing.percentile(50)).toBe(50);
    expect(timing.percentile(95)).toBe(95);
  });

  it('keeps only the most recent samples', () => {
    const timing = new DisplayTiming(3);
    for (const ms of [500, 500, 500, 1, 2, 3]) timing.record(ms);
    expect(timing.count).toBe(3);
    expect(timing.percentile(100)).toBe(3);
  });

  it('has no percentile before the first sample', () => {
    expect(new DisplayTiming().percentile(95)).toBeNull();
  });
});

describe('formatAge', () => {
  const created = '2026-11-25T08:00:00.000Z';
  const at = (minutes: number) => Date.parse(created) + minutes * 60_000;
  it('reads in whole minutes, then hours', () => {
    expect(formatAge(created, at(0.5))).toBe('just now');
    expect(formatAge(created, at(2.9))).toBe('2 min');
    expect(formatAge(created, at(60))).toBe('1 h');
    expect(formatAge(created, at(135))).toBe('2 h 15 min');
  });
  it('does not show a negative age when the device clock is behind', () => {
    expect(formatAge(created, at(-3))).toBe('just now');
  });
});

describe('formatMoney', () => {
  it('formats with the menu currency', () => {
    expect(formatMoney(450, 'EUR')).toContain('4.50');
    expect(formatMoney(450, 'EUR')).toContain('€');
  });
  it("uses each currency's own decimals: JPY none, KWD three", () => {
    expect(formatMoney(1250, 'JPY')).toBe('¥1,250');
    expect(formatMoney(1250, 'KWD')).toBe('KWD\u00a01.250');
    expect(formatMoney(450, 'EUR')).toBe('€4.50');
  });
  it('formats in the active language, with Latin digits in Arabic', async () => {
    await activate('de');
    expect(formatMoney(1250, 'EUR')).toBe('12,50\u00a0€');
    expect(formatAge('2026-11-25T08:00:00.000Z', Date.parse('2026-11-25T10:15:00.000Z'))).toBe(
      '2 Std. 15 Min.',
    );
    await activate('ar');
    expect(formatMoney(1250, 'KWD')).toMatch(/1\.250/);
    await activate('en');
  });
  it('shows a plain amount until the menu has named the currency', () => {
    expect(formatMoney(1205, null)).toBe('12.05');
  });
});
