// Counts what a fault did to the orders users placed (placed / on server / duplicates / lost), prints one
// line per fault and keeps them in tests/e2e/faults/results/latest.json for docs/reliability.md.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Order } from '../../../protocol/order.ts';

export const FULL = process.env.ORDERLINE_FAULTS === 'full';

/**
 * `ORDERLINE_FAULTS_DISABLE=05,03` runs those faults without injecting them. Each such run must FAIL on its
 * evidence: that is how we know a fault's pass means the fault really happened.
 */
export function faultDisabled(fault: string): boolean {
  const list = (process.env.ORDERLINE_FAULTS_DISABLE ?? '').split(',').map((id) => id.trim());
  return list.includes(fault) || list.includes('all');
}

/** The trimmed count runs in `npm test`; the full one under `ORDERLINE_FAULTS=full` (`npm run test:faults`). */
export function scale(trimmed: number, full: number): number {
  return FULL ? full : trimmed;
}

export interface FaultTally {
  placed: number;
  onServer: number;
  duplicates: number;
  lost: number;
}

/** Evidence counts that are below 1: the fault did not take effect as claimed. */
export function missingEvidence(evidence: Record<string, number>): string[] {
  return Object.entries(evidence)
    .filter(([, count]) => !(count >= 1))
    .map(([name]) => name);
}

export interface FaultResult extends FaultTally {
  fault: string;
  title: string;
  mode: 'trimmed' | 'full';
  passed: boolean;
  /** Counts proving the fault took effect (kills mid-flush, answers dropped …); each must be ≥ 1 to pass. */
  evidence: Record<string, number>;
  /** True when the run was made with the fault switched off (ORDERLINE_FAULTS_DISABLE): it must fail. */
  injectionDisabled: boolean;
  /** Fault-specific measurements (attempts, restarts, detection time …). */
  extra: Record<string, number | string | boolean>;
  at: string;
}

/**
 * Every placed order carries a unique tag in `customerName`; server orders with the tag prefix are this
 * fault's. A tag seen twice is a duplicate (the same user action created two orders); a tag never seen is lost.
 */
export function tallyOrders(
  placedTags: readonly string[],
  serverOrders: readonly Order[],
  prefix: string,
): FaultTally {
  const seen = new Map<string, number>();
  for (const order of serverOrders) {
    if (order.customerName.startsWith(prefix))
      seen.set(order.customerName, (seen.get(order.customerName) ?? 0) + 1);
  }
  const placed = new Set(placedTags);
  let present = 0;
  let duplicates = 0;
  let onServer = 0;
  for (const [tag, count] of seen) {
    onServer += count;
    if (placed.has(tag)) {
      present += 1;
      duplicates += count - 1;
    } else {
      // Created on the server but never placed by anyone: counts against exactly-once too.
      duplicates += count;
    }
  }
  return { placed: placed.size, onServer, duplicates, lost: placed.size - present };
}

const RESULTS_DIR = path.join(import.meta.dirname, 'results');

export function recordResult(
  fault: string,
  title: string,
  tally: FaultTally,
  passed: boolean,
  evidence: FaultResult['evidence'],
  extra: FaultResult['extra'] = {},
): void {
  const injectionDisabled = faultDisabled(fault);
  const result: FaultResult = {
    fault,
    title,
    mode: FULL ? 'full' : 'trimmed',
    ...tally,
    passed,
    evidence,
    injectionDisabled,
    extra,
    at: new Date().toISOString(),
  };
  const pairs = (record: Record<string, unknown>) =>
    Object.entries(record)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
  const extraText = pairs(extra);
  console.log(
    `[fault ${fault}] ${title}: placed ${tally.placed} / on server ${tally.onServer} / duplicates ${tally.duplicates} / lost ${tally.lost} / evidence ${pairs(evidence) || 'none'}${injectionDisabled ? ' [INJECTION DISABLED]' : ''}${extraText ? ` (${extraText})` : ''}`,
  );
  // A run with the fault switched off is a check of the check: it must not overwrite the real results.
  if (injectionDisabled) return;
  mkdirSync(path.join(RESULTS_DIR, 'by-fault'), { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'by-fault', `${fault}.json`), JSON.stringify(result, null, 2) + '\n');
  // One file per fault, merged after each write, so parallel workers never overwrite each other's line. The
  // tracked latest.json is the base: running one fault replaces that fault's line and keeps the others (each
  // line says when and in which mode it was taken).
  const byFault = new Map<string, FaultResult>();
  const latestPath = path.join(RESULTS_DIR, 'latest.json');
  if (existsSync(latestPath))
    for (const known of (JSON.parse(readFileSync(latestPath, 'utf8')) as { faults: FaultResult[] }).faults)
      byFault.set(known.fault, known);
  for (const name of readdirSync(path.join(RESULTS_DIR, 'by-fault')).filter((n) => n.endsWith('.json'))) {
    const fresh = JSON.parse(readFileSync(path.join(RESULTS_DIR, 'by-fault', name), 'utf8')) as FaultResult;
    byFault.set(fresh.fault, fresh);
  }
  const all = [...byFault.values()].sort((a, b) => a.fault.localeCompare(b.fault, 'en', { numeric: true }));
  writeFileSync(latestPath, JSON.stringify({ faults: all }, null, 2) + '\n');
}

/** Unique customer names for a fault's orders: `f01-0007`; the prefix (`f01-`) identifies them on the server. */
export function orderTags(prefix: string, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(from + i).padStart(4, '0')}`);
}

/** A small seeded PRNG (mulberry32) so a flapping or kill schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
