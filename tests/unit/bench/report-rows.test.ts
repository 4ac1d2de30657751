// The bench table's Part 2 network rows: HTTPS is read against plain HTTP of the same run, and a machine without
// PostgreSQL says so instead of reporting a failed (or a made-up) measure.
import { describe, expect, it } from 'vitest';
import { emptyResults, tableRows } from '../../../bench/report.ts';

const rowNamed = (rows: ReturnType<typeof tableRows>, start: string) => {
  const found = rows.find((row) => row.measure.startsWith(start));
  if (found === undefined) throw new Error(`no row starting "${start}"`);
  return found;
};

describe('bench table, network rows', () => {
  it('shows the HTTPS latency beside plain HTTP of the same run, as a ratio', () => {
    const results = {
      ...emptyResults(),
      other_device_ms: { p50: 20, p95: 40, n: 100 },
      other_device_tls_ms: { p50: 25, p95: 48, n: 100 },
    };
    const tls = rowNamed(tableRows(results, { pollsPerMin: 20 }), 'click → row, other device over HTTPS');
    expect(tls.baseline).toBe('p95 40.0 ms (plain HTTP, same run)');
    expect(tls.ratio).toBe('1.20× plain HTTP');
    expect(tls.met).toBe(true);
  });

  it('misses the HTTPS budget above 50 ms even when plain HTTP did not run', () => {
    const results = { ...emptyResults(), other_device_tls_ms: { p50: 30, p95: 51, n: 100 } };
    const tls = rowNamed(tableRows(results, { pollsPerMin: 20 }), 'click → row, other device over HTTPS');
    expect(tls.baseline).toBe('plain HTTP not run');
    expect(tls.met).toBe(false);
  });

  it('says why PostgreSQL was not measured, and does not count it as missed', () => {
    const reason = 'PostgreSQL tools not usable here (spawn initdb ENOENT)';
    const rows = tableRows(
      emptyResults(),
      { pollsPerMin: 20 },
      { pg_create_per_s: reason, pg_cross_instance_ms: reason },
    );
    for (const start of ['server POST /api/orders, PostgreSQL', 'PostgreSQL: commit on instance A']) {
      const row = rowNamed(rows, start);
      expect(row.result).toBe(`not measured: ${reason}`);
      expect(row.met).toBeNull();
    }
  });

  it('reports a PostgreSQL measure that failed as failed', () => {
    const row = rowNamed(tableRows(emptyResults(), { pollsPerMin: 20 }), 'PostgreSQL: commit on instance A');
    expect(row.result).toBe('failed (see log)');
    expect(row.met).toBe(false);
  });
});
