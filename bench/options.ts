// Command-line options of `npm run bench` and the sample sizes of each profile. Sizes live here, in one
// place, so a profile never silently changes what a measure means — only how many samples it takes.

export type Profile = 'full' | 'quick' | 'smoke';

export interface BenchOptions {
  profile: Profile;
  /** Run `npm run build` first (skip with --no-build when dist/ is fresh). */
  build: boolean;
  /** Where the JSON results go. */
  out: string;
  /** Rewrite the table in bench/README.md (full and quick runs only). */
  writeReadme: boolean;
  /** Clicks per latency measure (same tab, other tab, other device + baseline, offline). */
  latencySamples: number;
  /** Orders in IndexedDB for the cold start, and reloads measured. */
  coldStartOrders: number;
  coldStartReloads: number;
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
  bumpBusyTickets: number;
}

const PROFILES: Record<Profile, Omit<BenchOptions, 'profile' | 'build' | 'out' | 'writeReadme'>> = {
  full: {
    latencySamples: 60,
    coldStartOrders: 1000,
    coldStartReloads: 5,
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
    bumpBusyTickets: 200,
  },
  quick: {
    latencySamples: 15,
    coldStartOrders: 1000,
    coldStartReloads: 3,
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
    bumpBusyTickets: 200,
  },
  // For the smoke test in `npm test`: every measure runs end to end, with very few samples.
  smoke: {
    latencySamples: 3,
    coldStartOrders: 100,
    coldStartReloads: 1,
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
    bumpBusyTickets: 20,
  },
};

export const DEFAULT_OUT = new URL('./results/latest.json', import.meta.url).pathname;

export function parseOptions(argv: readonly string[]): BenchOptions {
  let profile: Profile = 'full';
  let build = true;
  let out: string | null = null;
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
      default:
        throw new Error(`unknown option ${arg} (known: --quick, --smoke, --no-build, --out <file>)`);
    }
  }
  return {
    profile,
    build,
    out: out ?? DEFAULT_OUT,
    // A smoke run or a run writing elsewhere must not overwrite the published table.
    writeReadme: profile !== 'smoke' && out === null,
    ...PROFILES[profile],
  };
}
