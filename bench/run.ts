// `npm run bench [-- --quick | --smoke] [--no-build] [--out file] [--only scenario,…]`: builds the app, starts the real server and
// Chromium, measures every row of DESIGN.md "Performance budgets" and "Budgets, part 2" plus the baseline client, writes
// bench/results/latest.json and prints the Markdown table. A measure that fails is reported as failed
// (null in the JSON, exit code 1); it never gets a substitute number.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { completeAllActive, fetchMenuItems } from './api-client.ts';
import { startBenchEnv } from './bench-env.ts';
import { median, round } from './stats.ts';
import { parseOptions, type Scenario } from './options.ts';
import {
  dropFiguresSince,
  emptyResults,
  headline,
  markdownTable,
  missedBudgets,
  updateReadme,
  writeJson,
  type MaybeResults,
  type RunInfo,
  type Unavailable,
} from './report.ts';
import { measureBackup } from './scenarios/backup.ts';
import { measureBootstrap } from './scenarios/bootstrap.ts';
import { measureBump } from './scenarios/bump.ts';
import { measureBundle } from './scenarios/bundle.ts';
import { measureColdStart } from './scenarios/cold-start.ts';
import { measureDrain } from './scenarios/drain.ts';
import { measureHeap } from './scenarios/heap.ts';
import { measureHistory } from './scenarios/history.ts';
import { measureLatency } from './scenarios/latency.ts';
import { measureMenuPush } from './scenarios/menu-push.ts';
import { measurePay } from './scenarios/pay.ts';
import { measurePostgresInstances } from './scenarios/postgres-instances.ts';
import { measurePrinting } from './scenarios/printing.ts';
import { measureZReport } from './scenarios/z-report.ts';
import { measurePolls } from './scenarios/polls.ts';
import { measureRecovery } from './scenarios/recovery.ts';
import { measureCreateThroughput } from './scenarios/server-throughput.ts';
import { measureSseFanout } from './scenarios/sse-fanout.ts';
import { measureTlsLatency } from './scenarios/tls-latency.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const options = parseOptions(process.argv.slice(2));
const loadStart = loadavg()[0] ?? NaN;
const log = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const results: MaybeResults = emptyResults();
const details: Record<string, unknown> = {};
const unavailable: Unavailable = {};
const failures: string[] = [];
let baselinePollsPerMin = NaN;

/** Runs one measure; a failure is recorded and reported, and the other measures still run. */
async function measure(name: string, task: () => Promise<void>, scenario?: Scenario): Promise<void> {
  if (scenario !== undefined && !wanted(scenario)) return;
  const started = performance.now();
  log(`${name} …`);
  const before = { ...results };
  try {
    await task();
    log(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Partial results survive in the log even if a later measure takes the run down.
    log(`results so far: ${JSON.stringify(results)}`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push(`${name}: ${message.split('\n')[0]}`);
    // A failed measure reports no figure, whatever it stored before it failed: its rows read "failed".
    dropFiguresSince(before, results);
    log(`${name} FAILED: ${message}`);
  }
}

function wanted(scenario: Scenario): boolean {
  return options.only === null || options.only.has(scenario);
}

if (options.build) {
  log('npm run build …');
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
}

await measure(
  'bundle',
  async () => {
    const bundle = await measureBundle(`${root}dist`);
    results.bundle_gzip_kib = bundle.totalGzipKiB;
    details.bundle = bundle;
  },
  'bundle',
);

// Its own database (seeded in SQL, closed afterwards), so it runs before the shared server starts.
await measure(
  `history and day report over ${options.historyOrders} finished orders`,
  async () => {
    const history = await measureHistory(options.historyOrders, options.historySearches);
    results.history_search_p95_ms = history.searchMs.p95;
    results.report_day_ms = history.reportDayMs;
    details.history = history;
  },
  'history',
);

// Its own PostgreSQL cluster and two server processes, stopped afterwards: before the shared server starts too.
await measure(
  `PostgreSQL, 2 instances: ${options.postgresCrossSamples} creates A → B, ${options.throughputSeconds} s of creates on A`,
  async () => {
    const pg = await measurePostgresInstances(options.postgresCrossSamples, options.throughputSeconds);
    details.postgres = pg;
    if (!pg.available) {
      // A machine without PostgreSQL is not a failed measure: the row says why it was not measured.
      unavailable.pg_create_per_s = pg.reason;
      unavailable.pg_cross_instance_ms = pg.reason;
      log(`PostgreSQL not measured: ${pg.reason}`);
      return;
    }
    results.pg_create_per_s = pg.throughput.createsPerSecond;
    results.pg_cross_instance_ms = pg.crossInstance;
  },
  'postgres',
);

// Its own database too, closed afterwards.
await measure(
  `backup of a PGlite database with ${options.backupOrders} orders`,
  async () => {
    const backup = await measureBackup(options.backupOrders);
    results.backup_ms = backup.ms;
    details.backup = backup;
  },
  'backup',
);

// Its own server and virtual printers; results go to details.printing (bench/report.ts adds the rows).
await measure(
  `printing: ${options.printSamples} tickets and receipts, ${options.printBacklogJobs} jobs while a printer is off`,
  async () => {
    const printing = await measurePrinting(
      options.printSamples,
      options.printBacklogJobs,
      options.printOffMs,
    );
    details.printing = printing;
    results.print_kitchen_ms = printing.print_kitchen_ms;
    results.print_receipt_ms = printing.print_receipt_ms;
    results.print_backlog_s = printing.print_backlog_s;
    results.print_backlog_lost = printing.print_backlog_lost;
    results.print_backlog_twice = printing.print_backlog_twice;
  },
  'printing',
);

// Its own server process; one close of a drawer holding options.zReportPayments cash payments.
await measure(
  `Z report: close a drawer that took ${options.zReportPayments} payments`,
  async () => {
    const z = await measureZReport(options.zReportPayments);
    results.z_report_ms = z.ms;
    details.zReport = z;
  },
  'z-report',
);

const runId = `bench${Date.now().toString(36)}`;
log(`starting server, proxies and Chromium (profile ${options.profile})`);
const env = await startBenchEnv();
try {
  const menu = await fetchMenuItems(env.server.url);
  const item = menu[0]!;
  // One measure's leftovers must not weigh on the next (every context renders the whole active list).
  const cleanUp = (after: Scenario) =>
    measure(
      'complete leftover active orders',
      async () => {
        await completeAllActive(env.server.url);
      },
      after,
    );

  await measure(
    'latency (same tab, other tab, other device, baseline, offline)',
    async () => {
      const latency = await measureLatency(env, options.latencySamples, runId);
      results.same_tab_ms = latency.sameTab;
      results.same_tab_options_ms = latency.sameTabOptions;
      results.other_tab_ms = latency.otherTab;
      results.other_device_ms = latency.otherDevice;
      results.offline_ms = latency.offline;
      results.baseline_other_device_ms = latency.baselineOtherDevice;
      results.cache_hit_ratio = Number.isNaN(latency.cacheHitRatio)
        ? null
        : Math.round(latency.cacheHitRatio * 10_000) / 10_000;
      baselinePollsPerMin = latency.baselinePollsPerMin;
      details.latency = latency;
      if (Number.isNaN(latency.cacheHitRatio))
        throw new Error('SW diagnostics report no active-order reads at all');
    },
    'latency',
  );
  await cleanUp('latency');

  await measure(
    'other device over HTTPS (orderline.test, local CA in the browser profile)',
    async () => {
      const tls = await measureTlsLatency(env.lan, options.latencySamples, runId);
      results.other_device_tls_ms = tls.otherDevice;
      details.tls = tls;
    },
    'tls',
  );
  await cleanUp('tls');

  await measure(
    `kitchen bump → other device (${options.bumpBusyTickets} tickets for the busy kitchen)`,
    async () => {
      const bump = await measureBump(env, item.id, options.bumpSamples, options.bumpBusyTickets, runId);
      results.bump_other_device_ms = bump.otherDevice;
      details.bump = bump;
    },
    'bump',
  );
  await cleanUp('bump');

  await measure(
    'menu edit → other device',
    async () => {
      const menuPush = await measureMenuPush(env, menu.at(-1)!, options.menuPushSamples);
      results.menu_push_ms = menuPush.shown;
      details.menuPush = menuPush;
    },
    'menu-push',
  );

  await measure(
    'Confirm payment → row shows Paid, same tab',
    async () => {
      const pay = await measurePay(env, options.latencySamples, runId);
      results.pay_same_tab_ms = pay.sameTab;
      details.pay = pay;
    },
    'pay',
  );
  await cleanUp('pay');

  await measure(
    'polls',
    async () => {
      const polls = await measurePolls(env, options.pollWindowMs);
      results.polls_per_min_push_up = polls.perMinPushUp;
      results.polls_per_min_push_down = polls.perMinPushDown;
      details.polls = polls;
    },
    'polls',
  );

  for (const orders of [options.coldStartOrders, options.coldStartOrdersLarge]) {
    await measure(
      `cold start with ${orders} orders`,
      async () => {
        const cold = await measureColdStart(env, item.id, orders, options.coldStartReloads, runId);
        if (orders === options.coldStartOrders) {
          results.cold_start_1000_ms = cold.paintedMs;
          results.cold_start_sw_stopped_1000_ms = cold.paintedSwStoppedMs;
          details.coldStart = { orders, ...cold };
        } else {
          results.cold_start_10000_ms = cold.paintedMs;
          results.cold_start_sw_stopped_10000_ms = cold.paintedSwStoppedMs;
          details.coldStartLarge = { orders, ...cold };
        }
      },
      'cold-start',
    );
    await cleanUp('cold-start');
  }

  await measure(
    `drain ${options.drainOrders} queued orders, ${options.repeats} runs`,
    async () => {
      const runs = [];
      for (let k = 0; k < options.repeats; k++) {
        runs.push(await measureDrain(env, item, options.drainOrders, `${runId}-d${k}`));
        await completeAllActive(env.server.url);
      }
      const seconds = runs.map((run) => run.seconds);
      results.drain_1000_s = round(median(seconds), 3);
      results.drain_1000_s_max = Math.max(...seconds);
      results.drain_lost = Math.max(...runs.map((run) => run.lost));
      results.drain_duplicated = Math.max(...runs.map((run) => run.duplicated));
      details.drain = runs;
    },
    'drain',
  );
  await cleanUp('drain');

  await measure(
    `bootstrap: empty profile, no history vs 20,000 finished orders, ${options.repeats} runs`,
    async () => {
      const runs = [];
      for (let k = 0; k < options.repeats; k++)
        runs.push(await measureBootstrap(env.browser, `${runId}-b${k}`));
      results.bootstrap_20k_ms = round(median(runs.map((run) => run.historyMs)), 1);
      results.bootstrap_20k_ms_max = Math.max(...runs.map((run) => run.historyMs));
      results.bootstrap_growth = round(median(runs.map((run) => run.growth)), 2);
      details.bootstrap = runs;
    },
    'bootstrap',
  );

  await measure(
    `recovery, ${options.repeats} runs`,
    async () => {
      const runs = [];
      for (let k = 0; k < options.repeats; k++) {
        const recovery = await measureRecovery(
          env,
          item,
          options.recoveryOrders,
          options.recoveryOutageMs,
          `${runId}-r${k}`,
        );
        runs.push(recovery);
        details.recovery = runs;
        // Checked before any figure is stored: a run that lost orders leaves the row "failed".
        if (recovery.missingOnServer > 0)
          throw new Error(`run ${k + 1}: ${recovery.missingOnServer} queued orders missing on the server`);
        await completeAllActive(env.server.url);
      }
      results.recovery_ms = round(median(runs.map((run) => run.ms)), 1);
      results.recovery_ms_max = Math.max(...runs.map((run) => run.ms));
    },
    'recovery',
  );
  await cleanUp('recovery');

  await measure(
    `heap ${options.heapFirst} → ${options.heapTotal} orders`,
    async () => {
      const heap = await measureHeap(env, item, options.heapFirst, options.heapTotal, runId);
      results.heap_growth_ratio = heap.ratio;
      details.heap = { first: options.heapFirst, total: options.heapTotal, ...heap };
    },
    'heap',
  );
  await cleanUp('heap');

  await measure(
    `SSE fan-out to ${options.fanoutClients} clients`,
    async () => {
      results.sse_fanout_200_ms = await measureSseFanout(
        env.server.url,
        item.id,
        options.fanoutClients,
        options.fanoutPublishes,
      );
      details.sseFanout = { clients: options.fanoutClients, publishes: options.fanoutPublishes };
    },
    'sse-fanout',
  );

  // Last: it floods the database with orders nobody completes.
  await measure(
    'server create throughput',
    async () => {
      const throughput = await measureCreateThroughput(env.server.url, item.id, options.throughputSeconds);
      results.server_create_per_s = throughput.createsPerSecond;
      details.throughput = throughput;
      if (throughput.created === 0)
        throw new Error(`no create succeeded (${throughput.non2xx} non-2xx, ${throughput.errors} errors)`);
    },
    'throughput',
  );
} finally {
  await env.close();
}

const info: RunInfo = {
  date: new Date().toISOString(),
  profile: options.profile,
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown CPU',
  chromium: env.chromiumVersion,
  node: process.version,
  loadStart,
  loadEnd: loadavg()[0] ?? NaN,
};
const baseline = { pollsPerMin: baselinePollsPerMin };
await writeJson(options.out, results);
await writeJson(options.out.replace(/\.json$/, '.details.json'), {
  info,
  baseline,
  failures,
  unavailable,
  details,
});
if (options.writeReadme) {
  // The same generated block in both: bench/README.md explains it, the project README shows it.
  for (const readme of ['bench/README.md', 'README.md'])
    await updateReadme(`${root}${readme}`, results, baseline, info, unavailable);
}

if (options.only !== null)
  process.stdout.write(
    `\nOnly ${[...options.only].join(', ')} ran: every other row reads "failed" (not run).\n`,
  );
process.stdout.write(`\n${headline(results)}\n\n${markdownTable(results, baseline, unavailable)}\n`);
// A complete full run that misses a budget fails, like a failed measure; the table above is written either way.
const missed =
  options.profile === 'full' && options.only === null ? missedBudgets(results, baseline, unavailable) : [];
if (missed.length > 0) {
  process.stdout.write(`\n${missed.length} budget(s) missed:\n${missed.map((m) => `- ${m}`).join('\n')}\n`);
  process.exitCode = 1;
}
if (failures.length > 0) {
  process.stdout.write(
    `\n${failures.length} measure(s) failed:\n${failures.map((f) => `- ${f}`).join('\n')}\n`,
  );
  process.exitCode = 1;
}
