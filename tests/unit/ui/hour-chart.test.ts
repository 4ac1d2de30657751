// The Report's orders-per-hour scaling: bars are shares of a rounded-up axis, repeated hours told apart.
import { describe, expect, it } from 'vitest';
import type { DayReportHour } from '../../../protocol/day-report.ts';
import { hourChart, niceCeiling } from '../../../src/hour-chart.ts';

const hour = (h: number, orders: number, start = `2026-12-01T${String(h).padStart(2, '0')}:00:00.000Z`) =>
  ({ hour: h, start, orders, revenueCents: 0 }) satisfies DayReportHour;

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 10, 11, 24, 51, 120].map(niceCeiling)).toEqual([
      1, 1, 2, 5, 10, 10, 20, 50, 100, 200,
    ]);
  });
});

describe('hourChart', () => {
  it('scales each bar against the axis maximum', () => {
    const chart = hourChart([hour(9, 3), hour(10, 0), hour(11, 7)]);
    expect(chart.axisMax).toBe(10);
    expect(chart.bars.map((bar) => bar.height)).toEqual([0.3, 0, 0.7]);
    expect(chart.bars.map((bar) => bar.label)).toEqual(['09:00', '10:00', '11:00']);
  });

  it('never divides by zero on a day without orders', () => {
    const chart = hourChart([hour(0, 0), hour(1, 0)]);
    expect(chart.bars.every((bar) => bar.height === 0)).toBe(true);
  });

  it('labels the two 02:00 hours of a 25-hour day by their UTC start', () => {
    const chart = hourChart([hour(2, 1, '2026-10-25T00:00:00.000Z'), hour(2, 2, '2026-10-25T01:00:00.000Z')]);
    expect(chart.bars.map((bar) => bar.label)).toEqual(['02:00 (00:00 UTC)', '02:00 (01:00 UTC)']);
    expect(new Set(chart.bars.map((bar) => bar.key)).size).toBe(2);
  });
});
