// Command-line options of `npm run bench` and the sample sizes of each profile. Sizes live here, in one
// place, so a profile never silently changes what a measure means — only how many samples it takes.

export type Profile = 'full' | 'quick' | 'smoke';

export const SCENARIOS = [
  'bundle',
  'history',
  'latency',
  'bump',
  'polls',
  'cold-start',
  'drain',
  'bootstrap',
  'recovery',
  'heap',
  'sse-fanout',
  'throughput',
  // Part 2: other-device latency over HTTPS; PostgreSQL with two server instances.
  'tls',
  'postgres',
  // Part 3: `npm run backup` of a 100,000-order PGlite database.
  'backup',
  // Principle 15: a menu edit reaches another device's counter.
  'menu-push',
  // Part 3: kitchen tickets and receipts at a loopback virtual printer, and a printer's backlog.
  'printing',
  // Part 3: `Confirm payment` → the row shows `Paid` in the same tab (latencySamples of them).
  'pay',
  // Part 3, principle 22: closing a drawer that took 2,000 payments.
  'z-report',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  profile: Profile;
  /** Run `npm run build` first (skip with --no-build when dist/ is fresh). */
  build: boolean;
  /** Where the JSON results go. */
  out: string;
  /** Rewrite the table in bench/README.md (full runs to the default file only). */
  writeReadme: boolean;
  /** Scenarios to run (`--only a,b`); null runs them all. The others stay null in the JSON. */
  only: ReadonlySet<Scenario> | null;
  /** Clicks per latency measure (same tab, other tab, other device + baseline, offline, other device over HTTPS). */
  latencySamples: number;
  /** Orders in IndexedDB for the cold start, and reloads measured. */
  coldStartOrders: number;
  coldStartReloads: number;
  /** Orders for the second cold start (the list is virtualised: its cost must not grow with the list). */
  coldStartOrdersLarge: number;
  /** Runs of drain, recovery and bootstrap (each reports its median and worst run). */
  repeats: number;
  /** Orders in the database whose backup is timed (`backup_ms`). */
  backupOrders: number;
  /** Orders queued offline for the drain. */
  drainOrders: number;
  /** Orders queued while the server is down, for the recovery measure. */
  recoveryOrders: number;
  /** How long the server stays down (the outbox backs off meanwhile). */
  recoveryOutageMs: number;
  /** Length of each idle window for the poll counts (scaled to per minute). */
  pollWindowMs: number;
  /** Heap is read after `heapFirst` orders created and completed, then after `heapTotal`. */
  heapFirst: number;
  heapTotal: number;
  /** autocannon duration for POST /api/orders. */
  throughputSeconds: number;
  /** SSE fan-out: connected clients and creates published. */
  fanoutClients: number;
  fanoutPublishes: number;
  /** Finished orders seeded in SQL for the history and day-report measures, and searches timed. */
  historyOrders: number;
  historySearches: number;
  /** Kitchen bumps timed to another device, and the tickets on the busy kitchen for the one-frame check. */
  bumpSamples: number;
  /** Menu edits timed until another device shows them. */
  menuPushSamples: number;
  bumpBusyTickets: number;
  /** PostgreSQL: creates on instance A timed to instance B's stream (the throughput reuses throughputSeconds). */
  postgresCrossSamples: number;
  /** Printing: tickets and receipts timed, jobs queued while the printer is off, and how long it is off. */
  printSamples: number;
  printBacklogJobs: number;
  printOffMs: number;
  /** Cash payments in the drawer whose close is timed (`z_report_ms`). */
  zReportPayments: number;
}

const PROFILES: Record<Profile, Omit<BenchOptions, 'profile' | 'build' | 'out' | 'writeReadme' | 'only'>> = {
  full: {
    // ≥ 100 per measure so a p95 rests on at least 5 samples above it.
    latencySamples: 100,
    coldStartOrders: 1000,
    coldStartReloads: 5,
    coldStartOrdersLarge: 10_000,
    repeats: 5,
    backupOrders: 100_000,
    zReportPayments: 2_000,
    drainOrders: 1000,
    recoveryOrders: 20,
    recoveryOutageMs: 8_000,
    pollWindowMs: 60_000,
    heapFirst: 1000,
    heapTotal: 10_000,
    throughputSeconds: 10,
    fanoutClients: 200,
    fanoutPublishes: 20,
    historyOrders: 1_000_000,
    historySearches: 200,
    bumpSamples: 100,
    menuPushSamples: 100,
    bumpBusyTickets: 200,
    postgresCrossSamples: 200,
    printSamples: 100,
    printBacklogJobs: 100,
    printOffMs: 60_000,
  },
  quick: {
    latencySamples: 15,
    coldStartOrders: 1000,
    coldStartReloads: 3,
    coldStartOrdersLarge: 10_000,
    repeats: 5,
    backupOrders: 100_000,
    zReportPayments: 2_000,
    drainOrders: 1000,
    recoveryOrders: 10,
    recoveryOutageMs: 8_000,
    pollWindowMs: 12_000,
    heapFirst: 200,
    heapTotal: 2000,
    throughputSeconds: 3,
    fanoutClients: 200,
    fanoutPublishes: 5,
    historyOrders: 100_000,
    historySearches: 100,
    bumpSamples: 30,
    menuPushSamples: 30,
    bumpBusyTickets: 200,
    postgresCrossSamples: 40,
    printSamples: 100,
    printBacklogJobs: 100,
    printOffMs: 10_000,
  },
  // For the smoke test in `npm test`: every measure runs end to end, with very few samples.
  smoke: {
    latencySamples: 3,
    coldStartOrders: 100,
    coldStartReloads: 1,
    coldStartOrdersLarge: 300,
    repeats: 1,
    backupOrders: 2_000,
    zReportPayments: 200,
    drainOrders: 50,
    recoveryOrders: 3,
    recoveryOutageMs: 3_000,
    pollWindowMs: 5_000,
    heapFirst: 20,
    heapTotal: 60,
    throughputSeconds: 1,
    fanoutClients: 20,
    fanoutPublishes: 2,
    historyOrders: 4_000,
    historySearches: 10,
    bumpSamples: 3,
    menuPushSamples: 3,
    bumpBusyTickets: 20,
    postgresCrossSamples: 5,
    printSamples: 5,
    printBacklogJobs: 10,
    printOffMs: 2_000,
  },
};

/** The tracked results: only a full run writes them. */
export const DEFAULT_OUT = new URL('./results/latest.json', import.meta.url).pathname;
/** Quick and smoke runs write beside them, never over them. */
const QUICK_OUT = new URL('./results/quick.json', import.meta.url).pathname;
const SMOKE_OUT = new URL('./results/smoke.json', import.meta.url).pathname;

function parseOnly(value: string | undefined): Set<Scenario> {
  if (value === undefined || value === '')
    throw new Error(`--only needs scenarios (${SCENARIOS.join(', ')})`);
  const chosen = new Set<Scenario>();
  for (const name of value.split(',')) {
    const scenario = SCENARIOS.find((s) => s === name.trim());
    if (scenario === undefined) throw new Error(`unknown scenario ${name} (known: ${SCENARIOS.join(', ')})`);
    chosen.add(scenario);
  }
  return chosen;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let profile: Profile = 'full';
  let build = true;
  let out: string | null = null;
  let only: Set<Scenario> | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--quick':
        profile = 'quick';
        break;
      case '--smoke':
        profile = 'smoke';
        break;
      case '--no-build':
        build = false;
        break;
      case '--out': {
        const value = argv[++i];
        if (value === undefined) throw new Error('--out needs a file path');
        out = value;
        break;
      }
      case '--only':
        only = parseOnly(argv[++i]);
        break;
      default:
        throw new Error(
          `unknown option ${arg} (known: --quick, --smoke, --no-build, --out <file>, --only <scenario,…>)`,
        );
    }
  }
  return {
    profile,
    build,
    out: out ?? (profile === 'full' ? DEFAULT_OUT : profile === 'quick' ? QUICK_OUT : SMOKE_OUT),
    // Only a complete full run writes the published table; quick, smoke, partial or redirected runs never do.
    writeReadme: profile === 'full' && out === null && only === null,
    only,
    ...PROFILES[profile],
  };
}
