// The bench's outputs: bench/results/latest.json (DESIGN.md's keys, Part 2's included, plus `sse_fanout_200_ms`), the Markdown table (measure, budget, result, baseline, ratio, met/missed) and its copy in bench/README.md.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Summary } from './stats.ts';

export interface BenchResults {
  same_tab_ms: Summary;
  other_tab_ms: Summary;
  other_device_ms: Summary;
  offline_ms: Summary;
  baseline_other_device_ms: Summary;
  cold_start_1000_ms: number;
  /** The same with 10,000 active orders: the list is virtualised, so the cost must barely grow. */
  cold_start_10000_ms: number;
  drain_1000_s: number;
  drain_lost: number;
  drain_duplicated: number;
  recovery_ms: number;
  polls_per_min_push_up: number;
  polls_per_min_push_down: number;
  cache_hit_ratio: number;
  heap_growth_ratio: number;
  bundle_gzip_kib: number;
  server_create_per_s: number;
  sse_fanout_200_ms: Summary;
  /** Empty profile → active orders shown with 20,000 finished orders in history, and its ratio to none. */
  bootstrap_20k_ms: number;
  bootstrap_growth: number;
  /** GET /api/orders/history over 1,000,000 finished orders (quick: 100,000), server side. */
  history_search_p95_ms: number;
  /** GET /api/reports/day for a 2,000-order day in that database. */
  report_day_ms: number;
  /** Kitchen bump → the row updated on another device's Counter and Ready board (the later of the two). */
  bump_other_device_ms: Summary;
  /** Owner's menu edit → another device's counter shows it (principle 15). */
  menu_push_ms: Summary;
  /** `other_device_ms` with both devices on https://orderline.test, trusting the local CA. */
  other_device_tls_ms: Summary;
  /** PostgreSQL, two server instances on one database: creates/s on A, and commit on A → event on B's stream. */
  pg_create_per_s: number;
  pg_cross_instance_ms: Summary;
}

/** Why a measure could not run on this machine (PostgreSQL tools missing): shown instead of "failed". */
export type Unavailable = Partial<Record<keyof BenchResults, string>>;

/** What the baseline client measured in the same run, for the baseline column. */
export interface BaselineFigures {
  pollsPerMin: number;
}

export interface RunInfo {
  date: string;
  profile: string;
  cores: number;
  cpu: string;
  chromium: string;
  node: string;
  /** 1-minute load average at the start and end: the cores are shared, and this says how much. */
  loadStart: number;
  loadEnd: number;
}

interface Row {
  measure: string;
  budget: string;
  result: string;
  baseline: string;
  ratio: string;
  met: boolean | null;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const latency = (s: Summary) => `p95 ${ms(s.p95)} (p50 ${ms(s.p50)}, n=${s.n})`;

function faster(result: number, baseline: number): string {
  if (!(baseline > 0) || !(result > 0)) return '—';
  return `${(result / baseline).toFixed(4)} (${Math.round(baseline / result)}× faster)`;
}

/** A measure that failed is null: reported as such, never replaced by a made-up number. */
export type MaybeResults = { [K in keyof BenchResults]: BenchResults[K] | null };

/** Every key, none measured yet: a scenario that fails or is not chosen (`--only`) stays null. */
export function emptyResults(): MaybeResults {
  return {
    same_tab_ms: null,
    other_tab_ms: null,
    other_device_ms: null,
    offline_ms: null,
    baseline_other_device_ms: null,
    cold_start_1000_ms: null,
    cold_start_10000_ms: null,
    drain_1000_s: null,
    drain_lost: null,
    drain_duplicated: null,
    recovery_ms: null,
    polls_per_min_push_up: null,
    polls_per_min_push_down: null,
    cache_hit_ratio: null,
    heap_growth_ratio: null,
    bundle_gzip_kib: null,
    server_create_per_s: null,
    sse_fanout_200_ms: null,
    bootstrap_20k_ms: null,
    bootstrap_growth: null,
    history_search_p95_ms: null,
    report_day_ms: null,
    bump_other_device_ms: null,
    menu_push_ms: null,
    other_device_tls_ms: null,
    pg_create_per_s: null,
    pg_cross_instance_ms: null,
  };
}

type Check<T> = { value: T | null; show: (v: T) => string; met: (v: T) => boolean };

function row<T>(
  measure: string,
  budget: string,
  check: Check<T> & { unavailable?: string | undefined },
  baseline = '—',
  ratio: (v: T) => string = () => '—',
): Row {
  if (check.value === null && check.unavailable !== undefined)
    return { measure, budget, result: `not measured: ${check.unavailable}`, baseline, ratio: '—', met: null };
  if (check.value === null)
    return { measure, budget, result: 'failed (see log)', baseline, ratio: '—', met: false };
  return {
    measure,
    budget,
    result: check.show(check.value),
    baseline,
    ratio: ratio(check.value),
    met: check.met(check.value),
  };
}

export function tableRows(r: MaybeResults, baseline: BaselineFigures, unavailable: Unavailable = {}): Row[] {
  const base = r.baseline_other_device_ms;
  const basePolling = base === null ? 'failed' : `p95 ${ms(base.p95)} (3 s polling, measured)`;
  const vsBase = (s: Summary) => (base === null ? '—' : faster(s.p95, base.p95));
  const lat = (value: Summary | null, limit: number): Check<Summary> => ({
    value,
    show: latency,
    met: (s) => s.p95 <= limit,
  });
  const polls = `${baseline.pollsPerMin}/min (measured)`;
  const http = r.other_device_ms;
  const pglite = r.server_create_per_s;
  return [
    row('click → row, same tab', 'p95 ≤ 16 ms', lat(r.same_tab_ms, 16), basePolling, vsBase),
    row('click → row, other tab', 'p95 ≤ 16 ms', lat(r.other_tab_ms, 16), basePolling, vsBase),
    row(
      'click → row, other device (server + SSE)',
      'p95 ≤ 50 ms',
      lat(r.other_device_ms, 50),
      basePolling,
      vsBase,
    ),
    row(
      'click → row, other device over HTTPS (LAN name, local CA trusted)',
      'p95 ≤ 50 ms',
      lat(r.other_device_tls_ms, 50),
      http === null ? 'plain HTTP not run' : `p95 ${ms(http.p95)} (plain HTTP, same run)`,
      (s) => (http === null || !(http.p95 > 0) ? '—' : `${(s.p95 / http.p95).toFixed(2)}× plain HTTP`),
    ),
    row('kitchen bump → counter and board, other device', 'p95 ≤ 50 ms', lat(r.bump_other_device_ms, 50)),
    row('menu edit → another device shows it', 'p95 ≤ 1 s', lat(r.menu_push_ms, 1000)),
    row('click → row, offline, same tab', 'p95 ≤ 16 ms', lat(r.offline_ms, 16), 'shows nothing offline'),
    row('reload → 1,000 active orders painted', '≤ 150 ms', {
      value: r.cold_start_1000_ms,
      show: ms,
      met: (v) => v <= 150,
    }),
    row('reload → 10,000 active orders painted (quick: the same)', '≤ 250 ms', {
      value: r.cold_start_10000_ms,
      show: ms,
      met: (v) => v <= 250,
    }),
    row('drain 1,000 queued orders', '≤ 2 s, 0 lost, 0 dup', {
      value:
        r.drain_1000_s === null
          ? null
          : { s: r.drain_1000_s, lost: r.drain_lost ?? NaN, dup: r.drain_duplicated ?? NaN },
      show: (v) => `${v.s.toFixed(2)} s, ${v.lost} lost, ${v.dup} dup`,
      met: (v) => v.s <= 2 && v.lost === 0 && v.dup === 0,
    }),
    row('new device → active orders, 20,000 finished in history', '≤ 1 s and ≤ 1.5× no history', {
      value:
        r.bootstrap_20k_ms === null ? null : { ms: r.bootstrap_20k_ms, growth: r.bootstrap_growth ?? NaN },
      show: (v) => `${ms(v.ms)} (${v.growth.toFixed(2)}× no history)`,
      met: (v) => v.ms <= 1000 && v.growth <= 1.5,
    }),
    row(
      'recovery: server back → all tabs consistent',
      '≤ 2 s',
      { value: r.recovery_ms, show: ms, met: (v) => v <= 2000 },
      '< 2 s (seed target)',
    ),
    row(
      'polls/min, push connected, idle',
      '0',
      { value: r.polls_per_min_push_up, show: String, met: (v) => v === 0 },
      polls,
    ),
    row(
      'polls/min, push down',
      '≤ 12/min',
      { value: r.polls_per_min_push_down, show: String, met: (v) => v <= 12 },
      polls,
      (v) => (v > 0 ? `${(v / baseline.pollsPerMin).toFixed(2)}` : '0'),
    ),
    row(
      'cache hit ratio, active-order reads',
      '≥ 99 %',
      { value: r.cache_hit_ratio, show: (v) => `${(v * 100).toFixed(1)} %`, met: (v) => v >= 0.99 },
      '> 90 % (seed)',
    ),
    row('JS heap, 10k vs 1k orders (quick: 2k vs 200)', '≤ 1.2×', {
      value: r.heap_growth_ratio,
      show: (v) => `${v.toFixed(3)}×`,
      met: (v) => v <= 1.2,
    }),
    row('counter JS before usable + SW JS, gzip -9 (lazy screens excluded)', '≤ 30 KiB', {
      value: r.bundle_gzip_kib,
      show: (v) => `${v.toFixed(2)} KiB`,
      met: (v) => v <= 30,
    }),
    row('server POST /api/orders, PGlite', '≥ 1,000/s', {
      value: r.server_create_per_s,
      show: (v) => `${v}/s`,
      met: (v) => v >= 1000,
    }),
    {
      ...row(
        'server POST /api/orders, PostgreSQL, instance A of 2',
        'report',
        {
          value: r.pg_create_per_s,
          show: (v) => `${v}/s`,
          met: () => true,
          unavailable: unavailable.pg_create_per_s,
        },
        pglite === null ? '—' : `PGlite ${pglite}/s (same run)`,
      ),
      met: null,
    },
    row('PostgreSQL: commit on instance A → SSE receipt on instance B', 'p95 ≤ 50 ms', {
      ...lat(r.pg_cross_instance_ms, 50),
      unavailable: unavailable.pg_cross_instance_ms,
    }),
    row('history search p95, 1,000,000 finished orders (quick: 100,000)', '≤ 50 ms', {
      value: r.history_search_p95_ms,
      show: ms,
      met: (v) => v <= 50,
    }),
    row('day report, 2,000-order day', '≤ 200 ms', {
      value: r.report_day_ms,
      show: ms,
      met: (v) => v <= 200,
    }),
    {
      ...row('SSE fan-out to 200 clients, commit → receipt', 'report', lat(r.sse_fanout_200_ms, Infinity)),
      met: null,
    },
  ];
}

export function markdownTable(
  r: MaybeResults,
  baseline: BaselineFigures,
  unavailable: Unavailable = {},
): string {
  const lines = ['| measure | budget | result | baseline | ratio | met? |', '|---|---|---|---|---|---|'];
  for (const row of tableRows(r, baseline, unavailable)) {
    const met = row.met === null ? '—' : row.met ? 'met' : '**missed**';
    lines.push(
      `| ${row.measure} | ${row.budget} | ${row.result} | ${row.baseline} | ${row.ratio} | ${met} |`,
    );
  }
  return lines.join('\n');
}

export function headline(r: MaybeResults): string {
  if (r.other_device_ms === null || r.baseline_other_device_ms === null)
    return 'Other-device latency failed: no headline.';
  const times = Math.round(r.baseline_other_device_ms.p95 / r.other_device_ms.p95);
  return `Another device sees a new order ${times}× faster than with 3 s polling (p95 ${r.other_device_ms.p95.toFixed(1)} ms vs ${r.baseline_other_device_ms.p95.toFixed(0)} ms).`;
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated block of bench/README.md; the hand-written text around it stays. */
export async function updateReadme(
  path: string,
  r: MaybeResults,
  baseline: BaselineFigures,
  info: RunInfo,
  unavailable: Unavailable = {},
): Promise<void> {
  const readme = await readFile(path, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path} has no ${START} … ${END} block`);
  const block = [
    START,
    `Run: ${info.date}, \`${info.profile}\` profile · ${info.cores} cores (${info.cpu}) · Chromium ${info.chromium} · Node ${info.node} · load average ${info.loadStart.toFixed(1)} → ${info.loadEnd.toFixed(1)}`,
    '',
    headline(r),
    '',
    markdownTable(r, baseline, unavailable),
    END,
  ].join('\n');
  await writeFile(path, readme.slice(0, from) + block + readme.slice(to + END.length));
}
