// Scales the Report's orders-per-hour bars: every bar's height as a share of the chart, against a rounded-up
// axis maximum so the tallest bar does not always touch the top. Pure; the Report draws it as SVG.
import type { DayReportHour } from '../protocol/day-report.ts';

export interface HourBar {
  /** "09:00"; a repeated hour of a 25-hour day gets its UTC offset to tell the two apart. */
  label: string;
  orders: number;
  /** 0..1 of the chart's height. */
  height: number;
  key: string;
}

export interface HourChart {
  axisMax: number;
  bars: HourBar[];
}

/** The smallest of 1, 2, 5 × 10^k that is ≥ value (at least 1, so an empty day still has an axis). */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

export function hourChart(hours: readonly DayReportHour[]): HourChart {
  const axisMax = niceCeiling(Math.max(0, ...hours.map((hour) => hour.orders)));
  const seen = new Map<number, number>();
  for (const hour of hours) seen.set(hour.hour, (seen.get(hour.hour) ?? 0) + 1);
  const bars = hours.map((hour) => {
    const clock = `${String(hour.hour).padStart(2, '0')}:00`;
    const repeated = (seen.get(hour.hour) ?? 0) > 1;
    return {
      label: repeated ? `${clock} (${hour.start.slice(11, 16)} UTC)` : clock,
      orders: hour.orders,
      height: hour.orders / axisMax,
      key: hour.start,
    };
  });
  return { axisMax, bars };
}
