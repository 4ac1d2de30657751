// The bench's outputs: bench/results/latest.json (DESIGN.md's keys, Part 2's included, plus `sse_fanout_200_ms`), the Markdown table (measure, budget, result, baseline, ratio, met/missed) and its copy in bench/README.md.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BUDGETS, withinBudget, type BudgetKey } from './budgets.ts';
import type { Summary } from './stats.ts';

export interface BenchResults {
  same_tab_ms: Summary;
  /** #21: the same tab, orders with option lines. */
  same_tab_options_ms: Summary;
  other_tab_ms: Summary;
  other_device_ms: Summary;
  offline_ms: Summary;
  baseline_other_device_ms: Summary;
  cold_start_1000_ms: number;
  /** The same with 10,000 active orders: the list is virtualised, so the cost must barely grow. */
  cold_start_10000_ms: number;
  /** The same with the service worker stopped first (CDP): the list comes from IndexedDB, as after a sleep. */
  cold_start_sw_stopped_1000_ms: number;
  cold_start_sw_stopped_10000_ms: number;
  /** Drain, recovery and bootstrap run several times: the key is the median, `_max` the worst run. */
  drain_1000_s: number;
  drain_1000_s_max: number;
  drain_lost: number;
  drain_duplicated: number;
  recovery_ms: number;
  recovery_ms_max: number;
  polls_per_min_push_up: number;
  polls_per_min_push_down: number;
  cache_hit_ratio: number;
  heap_growth_ratio: number;
  bundle_gzip_kib: number;
  server_create_per_s: number;
  sse_fanout_200_ms: Summary;
  /** Empty profile → active orders shown with 20,000 finished orders in history, and its ratio to none. */
  bootstrap_20k_ms: number;
  bootstrap_20k_ms_max: number;
  bootstrap_growth: number;
  /** GET /api/orders/history over 1,000,000 finished orders (quick: 100,000), server side. */
  history_search_p95_ms: number;
  /** GET /api/reports/day for a 2,000-order day in that database. */
  report_day_ms: number;
  /** Kitchen bump → the row updated on another device's Counter and Ready board (the later of the two). */
  bump_other_device_ms: Summary;
  /** Owner's menu edit → another device's counter shows it (principle 15). */
  menu_push_ms: Summary;
  /** `Confirm payment` → the row shows `Paid`, same tab (Part 3). */
  pay_same_tab_ms: Summary;
  /** `other_device_ms` with both devices on https://orderline.test, trusting the local CA. */
  other_device_tls_ms: Summary;
  /** PostgreSQL, two server instances on one database: creates/s on A, and commit on A → event on B's stream. */
  pg_create_per_s: number;
  pg_cross_instance_ms: Summary;
  /** `npm run backup` of a PGlite database holding 100,000 orders (report). */
  backup_ms: number;
  /** Part 3, principle 23: create acknowledged → kitchen ticket's last byte at a loopback printer. */
  print_kitchen_ms: Summary;
  /** POST …/print receipt → its last byte at the printer. */
  print_receipt_ms: Summary;
  /** A printer off 60 s with 100 kitchen jobs queued → all printed after it is back. */
  print_backlog_s: number;
  print_backlog_lost: number;
  print_backlog_twice: number;
  /** Part 3, principle 22: POST /api/drawer/close for a drawer with 2,000 cash payments. */
  z_report_ms: number;
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
    same_tab_options_ms: null,
    other_tab_ms: null,
    other_device_ms: null,
    offline_ms: null,
    baseline_other_device_ms: null,
    cold_start_1000_ms: null,
    cold_start_10000_ms: null,
    cold_start_sw_stopped_1000_ms: null,
    cold_start_sw_stopped_10000_ms: null,
    drain_1000_s: null,
    drain_1000_s_max: null,
    drain_lost: null,
    drain_duplicated: null,
    recovery_ms: null,
    recovery_ms_max: null,
    polls_per_min_push_up: null,
    polls_per_min_push_down: null,
    cache_hit_ratio: null,
    heap_growth_ratio: null,
    bundle_gzip_kib: null,
    server_create_per_s: null,
    sse_fanout_200_ms: null,
    bootstrap_20k_ms: null,
    bootstrap_20k_ms_max: null,
    bootstrap_growth: null,
    history_search_p95_ms: null,
    report_day_ms: null,
    bump_other_device_ms: null,
    menu_push_ms: null,
    pay_same_tab_ms: null,
    other_device_tls_ms: null,
    pg_create_per_s: null,
    pg_cross_instance_ms: null,
    backup_ms: null,
    print_kitchen_ms: null,
    print_receipt_ms: null,
    print_backlog_s: null,
    print_backlog_lost: null,
    print_backlog_twice: null,
    z_report_ms: null,
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
  const lat = (value: Summary | null, key: BudgetKey): Check<Summary> => ({
    value,
    show: latency,
    met: (s) => withinBudget(key, s.p95),
  });
  const num = (key: BudgetKey, value: number | null, show: (v: number) => string): Check<number> => ({
    value,
    show,
    met: (v) => withinBudget(key, v),
  });
  const b = (key: BudgetKey) => BUDGETS[key].text;
  /** A repeated measure: median and worst run, judged on the worst. */
  const repeated = (median: number | null, max: number | null, unit: (v: number) => string) =>
    median === null ? null : { median, max: max ?? median, unit };
  const polls = `${baseline.pollsPerMin}/min (measured)`;
  const http = r.other_device_ms;
  const pglite = r.server_create_per_s;
  return [
    row('click → row, same tab', b('same_tab_ms'), lat(r.same_tab_ms, 'same_tab_ms'), basePolling, vsBase),
    row(
      'click → row, same tab, with option lines',
      b('same_tab_options_ms'),
      lat(r.same_tab_options_ms, 'same_tab_options_ms'),
      basePolling,
      vsBase,
    ),
    row(
      'click → row, other tab',
      b('other_tab_ms'),
      lat(r.other_tab_ms, 'other_tab_ms'),
      basePolling,
      vsBase,
    ),
    row(
      'click → row, other device (server + SSE)',
      b('other_device_ms'),
      lat(r.other_device_ms, 'other_device_ms'),
      basePolling,
      vsBase,
    ),
    row(
      'click → row, other device over HTTPS (LAN name, local CA trusted)',
      b('other_device_tls_ms'),
      lat(r.other_device_tls_ms, 'other_device_tls_ms'),
      http === null ? 'plain HTTP not run' : `p95 ${ms(http.p95)} (plain HTTP, same run)`,
      (s) => (http === null || !(http.p95 > 0) ? '—' : `${(s.p95 / http.p95).toFixed(2)}× plain HTTP`),
    ),
    row(
      'kitchen bump → counter and board, other device',
      b('bump_other_device_ms'),
      lat(r.bump_other_device_ms, 'bump_other_device_ms'),
    ),
    row('menu edit → another device shows it', b('menu_push_ms'), lat(r.menu_push_ms, 'menu_push_ms')),
    row(
      'Confirm payment → row shows Paid, same tab',
      b('pay_same_tab_ms'),
      lat(r.pay_same_tab_ms, 'pay_same_tab_ms'),
    ),
    row(
      'click → row, offline, same tab',
      b('offline_ms'),
      lat(r.offline_ms, 'offline_ms'),
      'shows nothing offline',
    ),
    row(
      'reload → 1,000 active orders painted, worker running',
      b('cold_start_1000_ms'),
      num('cold_start_1000_ms', r.cold_start_1000_ms, ms),
    ),
    row(
      'reload → 1,000 active orders painted, worker stopped (from IndexedDB)',
      b('cold_start_sw_stopped_1000_ms'),
      num('cold_start_sw_stopped_1000_ms', r.cold_start_sw_stopped_1000_ms, ms),
    ),
    row(
      'reload → 10,000 active orders painted, worker running (quick: the same)',
      b('cold_start_10000_ms'),
      num('cold_start_10000_ms', r.cold_start_10000_ms, ms),
    ),
    row(
      'reload → 10,000 active orders painted, worker stopped (from IndexedDB)',
      b('cold_start_sw_stopped_10000_ms'),
      num('cold_start_sw_stopped_10000_ms', r.cold_start_sw_stopped_10000_ms, ms),
    ),
    row('drain 1,000 queued orders', b('drain_1000_s'), {
      value:
        r.drain_1000_s === null
          ? null
          : {
              s: r.drain_1000_s,
              max: r.drain_1000_s_max ?? r.drain_1000_s,
              lost: r.drain_lost ?? NaN,
              dup: r.drain_duplicated ?? NaN,
            },
      show: (v) => `median ${v.s.toFixed(2)} s, max ${v.max.toFixed(2)} s, ${v.lost} lost, ${v.dup} dup`,
      met: (v) => withinBudget('drain_1000_s', v.max) && v.lost === 0 && v.dup === 0,
    }),
    row('new device → active orders, 20,000 finished in history', b('bootstrap_20k_ms'), {
      value:
        r.bootstrap_20k_ms === null
          ? null
          : {
              ms: r.bootstrap_20k_ms,
              max: r.bootstrap_20k_ms_max ?? r.bootstrap_20k_ms,
              growth: r.bootstrap_growth ?? NaN,
            },
      show: (v) => `median ${ms(v.ms)}, max ${ms(v.max)} (${v.growth.toFixed(2)}× no history)`,
      met: (v) => withinBudget('bootstrap_20k_ms', v.max) && withinBudget('bootstrap_growth', v.growth),
    }),
    row(
      'recovery: server back → all tabs consistent',
      b('recovery_ms'),
      {
        value: repeated(r.recovery_ms, r.recovery_ms_max, ms),
        show: (v) => `median ${ms(v.median)}, max ${ms(v.max)}`,
        met: (v) => withinBudget('recovery_ms', v.max),
      },
      '< 2 s (seed target)',
    ),
    row(
      'polls/min, push connected, idle',
      b('polls_per_min_push_up'),
      num('polls_per_min_push_up', r.polls_per_min_push_up, String),
      polls,
    ),
    row(
      'polls/min, push down',
      b('polls_per_min_push_down'),
      num('polls_per_min_push_down', r.polls_per_min_push_down, String),
      polls,
      (v) => (v > 0 ? `${(v / baseline.pollsPerMin).toFixed(2)}` : '0'),
    ),
    row(
      'cache hit ratio, active-order reads',
      b('cache_hit_ratio'),
      num('cache_hit_ratio', r.cache_hit_ratio, (v) => `${(v * 100).toFixed(1)} %`),
      '> 90 % (seed)',
    ),
    row(
      'JS heap, 10k vs 1k orders (quick: 2k vs 200)',
      b('heap_growth_ratio'),
      num('heap_growth_ratio', r.heap_growth_ratio, (v) => `${v.toFixed(3)}×`),
    ),
    row(
      'counter JS before usable + SW JS, gzip -9 (lazy screens excluded)',
      b('bundle_gzip_kib'),
      num('bundle_gzip_kib', r.bundle_gzip_kib, (v) => `${v.toFixed(2)} KiB`),
    ),
    row(
      'server POST /api/orders, PGlite',
      b('server_create_per_s'),
      num('server_create_per_s', r.server_create_per_s, (v) => `${v}/s`),
    ),
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
    row('PostgreSQL: commit on instance A → SSE receipt on instance B', b('pg_cross_instance_ms'), {
      ...lat(r.pg_cross_instance_ms, 'pg_cross_instance_ms'),
      unavailable: unavailable.pg_cross_instance_ms,
    }),
    row(
      'history search p95, 1,000,000 finished orders (quick: 100,000)',
      b('history_search_p95_ms'),
      num('history_search_p95_ms', r.history_search_p95_ms, ms),
    ),
    row('day report, 2,000-order day', b('report_day_ms'), num('report_day_ms', r.report_day_ms, ms)),
    row(
      'order created → kitchen ticket printed (loopback printer)',
      b('print_kitchen_ms'),
      lat(r.print_kitchen_ms, 'print_kitchen_ms'),
    ),
    row(
      'Print receipt → receipt printed (loopback printer)',
      b('print_receipt_ms'),
      lat(r.print_receipt_ms, 'print_receipt_ms'),
    ),
    row(
      'close a drawer that took 2,000 payments (Z report)',
      b('z_report_ms'),
      num('z_report_ms', r.z_report_ms, ms),
    ),
    row('printer off 60 s, 100 tickets queued → all printed', b('print_backlog_s'), {
      value:
        r.print_backlog_s === null
          ? null
          : { s: r.print_backlog_s, lost: r.print_backlog_lost ?? NaN, twice: r.print_backlog_twice ?? NaN },
      show: (v) => `${v.s.toFixed(2)} s, ${v.lost} lost, ${v.twice} twice`,
      met: (v) => withinBudget('print_backlog_s', v.s) && v.lost === 0 && v.twice === 0,
    }),
    {
      ...row('npm run backup, PGlite with 100,000 orders', 'report', {
        value: r.backup_ms,
        show: ms,
        met: () => true,
      }),
      met: null,
    },
    {
      ...row('SSE fan-out to 200 clients, commit → receipt', 'report', {
        value: r.sse_fanout_200_ms,
        show: latency,
        met: () => true,
      }),
      met: null,
    },
  ];
}

/** A measure failed: every figure it stored since `before` goes back to null (its rows then read "failed"). */
export function dropFiguresSince(before: MaybeResults, results: MaybeResults): void {
  for (const key of Object.keys(results) as (keyof MaybeResults)[]) {
    if (results[key] !== before[key]) (results as Record<keyof MaybeResults, unknown>)[key] = null;
  }
}

/** The rows a run missed (a failed measure counts: it met nothing), for the exit code and the log. */
export function missedBudgets(
  r: MaybeResults,
  baseline: BaselineFigures,
  unavailable: Unavailable = {},
): string[] {
  return tableRows(r, baseline, unavailable)
    .filter((row) => row.met === false)
    .map((row) => `${row.measure}: ${row.result} (budget ${row.budget})`);
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
