// The bench cannot flatter itself: budgets come from one table that matches DESIGN, a failed measure shows no
// figure and counts as missed, repeated measures are judged on their worst run, and the misses are named.
import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../../../bench/budgets.ts';
import { dropFiguresSince, emptyResults, missedBudgets, tableRows } from '../../../bench/report.ts';

const BASELINE = { pollsPerMin: 20 };
const rowNamed = (rows: ReturnType<typeof tableRows>, start: string) => {
  const found = rows.find((row) => row.measure.startsWith(start));
  if (found === undefined) throw new Error(`no row starting "${start}"`);
  return found;
};

describe('bench budgets', () => {
  it('match DESIGN: creates ≥ 1,500/s on PGlite, 45 KiB of JS, cold starts 150/250 ms both ways', () => {
    expect(BUDGETS.server_create_per_s).toMatchObject({ limit: 1500, kind: 'at-least' });
    expect(BUDGETS.bundle_gzip_kib.limit).toBe(45);
    expect(BUDGETS.cold_start_sw_stopped_1000_ms.limit).toBe(150);
    expect(BUDGETS.cold_start_sw_stopped_10000_ms.limit).toBe(250);
    const rows = tableRows({ ...emptyResults(), server_create_per_s: 1200 }, BASELINE);
    const creates = rowNamed(rows, 'server POST /api/orders, PGlite');
    expect(creates.budget).toBe('≥ 1,500/s');
    expect(creates.met).toBe(false);
    expect(
      rowNamed(
        tableRows({ ...emptyResults(), server_create_per_s: 1500 }, BASELINE),
        'server POST /api/orders, PGlite',
      ).met,
    ).toBe(true);
  });

  it('shows the worker-stopped cold start as its own rows', () => {
    const rows = tableRows(
      { ...emptyResults(), cold_start_sw_stopped_10000_ms: 260, cold_start_10000_ms: 140 },
      BASELINE,
    );
    expect(rowNamed(rows, 'reload → 10,000 active orders painted, worker stopped').met).toBe(false);
    expect(rowNamed(rows, 'reload → 10,000 active orders painted, worker running').met).toBe(true);
  });

  it('judges drain, recovery and bootstrap on their worst run and shows median and max', () => {
    const rows = tableRows(
      {
        ...emptyResults(),
        recovery_ms: 1500,
        recovery_ms_max: 2500,
        drain_1000_s: 1.2,
        drain_1000_s_max: 1.9,
        drain_lost: 0,
        drain_duplicated: 0,
      },
      BASELINE,
    );
    const recovery = rowNamed(rows, 'recovery');
    expect(recovery.result).toBe('median 1500.0 ms, max 2500.0 ms');
    expect(recovery.met).toBe(false);
    expect(rowNamed(rows, 'drain').met).toBe(true);
  });

  it('a failed measure keeps no figure: every value it stored goes, and its row reads failed and counts as missed', () => {
    const results = emptyResults();
    results.bundle_gzip_kib = 40;
    const before = { ...results };
    // The recovery stored its figure, then found orders missing and threw.
    results.recovery_ms = 900;
    results.recovery_ms_max = 950;
    dropFiguresSince(before, results);
    expect(results.recovery_ms).toBeNull();
    expect(results.recovery_ms_max).toBeNull();
    expect(results.bundle_gzip_kib).toBe(40);
    const recovery = rowNamed(tableRows(results, BASELINE), 'recovery');
    expect(recovery.result).toBe('failed (see log)');
    expect(missedBudgets(results, BASELINE).some((miss) => miss.startsWith('recovery'))).toBe(true);
  });

  it('names every missed budget (for the exit code) and leaves report-only rows out', () => {
    const missed = missedBudgets({ ...emptyResults(), backup_ms: 60_000 }, BASELINE, {
      pg_create_per_s: 'no PostgreSQL',
      pg_cross_instance_ms: 'no PostgreSQL',
    });
    expect(missed.some((miss) => miss.startsWith('server POST /api/orders, PGlite: failed'))).toBe(true);
    expect(missed.some((miss) => miss.includes('backup'))).toBe(false);
    expect(missed.some((miss) => miss.includes('PostgreSQL'))).toBe(false);
  });
});
