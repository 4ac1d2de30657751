// The invariant every fault ends on: the server holds every order a user placed exactly once, every open
// client shows exactly the server's active set, and nothing is left waiting ("All changes saved").
import { expect, type Page } from '@playwright/test';
import { fetchActiveOrders, fetchAllOrders } from '../helpers/api.ts';
import {
  FULL,
  missingEvidence,
  recordResult,
  tallyOrders,
  type FaultResult,
  type FaultTally,
} from './fault-results.ts';
import { syncStatusText, uiActiveView } from './app-session.ts';

export interface ConvergenceCheck {
  fault: string;
  title: string;
  /** The server, read directly (not through the proxy). */
  origin: string;
  pages: Page[];
  placedTags: readonly string[];
  prefix: string;
  timeoutMs: number;
  /**
   * Counts proving the fault happened (kills during an unfinished flush, answers dropped, resent keys …).
   * Each must be ≥ 1, or the fault fails: a pass without the fault proves nothing. A function is measured once
   * the wait for convergence is over (resends and replays the fault causes may land only then).
   */
  evidence: FaultResult['evidence'] | (() => Promise<FaultResult['evidence']>);
  extra?: FaultResult['extra'];
  /** Fault-specific conditions that must also hold: each false one fails the test, by name. */
  alsoRequire?: Record<string, boolean>;
}

interface Snapshot {
  tally: FaultTally;
  serverActive: string[];
  /** `rendered`: the ids in the DOM (a window of the virtualised list); `total`: the list's own count. */
  clients: { rendered: string[]; total: number; status: string }[];
}

async function snapshot(check: ConvergenceCheck): Promise<Snapshot> {
  const [orders, active] = await Promise.all([fetchAllOrders(check.origin), fetchActiveOrders(check.origin)]);
  const serverActive = active.map((o) => o.id).sort();
  const clients = await Promise.all(
    check.pages.map(async (page) => ({
      ...(await uiActiveView(page)),
      status: await syncStatusText(page),
    })),
  );
  return { tally: tallyOrders(check.placedTags, orders, check.prefix), serverActive, clients };
}

/** The client shows the server's active set: the same count, and every rendered row is a server-active one. */
function showsServerSet(client: Snapshot['clients'][number], serverActive: readonly string[]): boolean {
  return client.total === serverActive.length && client.rendered.every((id) => serverActive.includes(id));
}

function converged(s: Snapshot): boolean {
  return (
    s.tally.lost === 0 &&
    s.tally.duplicates === 0 &&
    s.clients.every((c) => showsServerSet(c, s.serverActive) && c.status.includes('All changes saved'))
  );
}

/** Waits (up to `timeoutMs`) for convergence, records the counts whatever happened, then asserts. */
export async function expectConverged(check: ConvergenceCheck): Promise<FaultTally> {
  const started = Date.now();
  // Full counts move several times more orders than the trimmed ones; this is a patience limit, not a budget.
  const timeoutMs = FULL ? check.timeoutMs * 3 : check.timeoutMs;
  let last = await snapshot(check);
  while (!converged(last) && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await snapshot(check);
  }
  const evidence = typeof check.evidence === 'function' ? await check.evidence() : check.evidence;
  const missing = missingEvidence(evidence);
  const unmet = Object.entries(check.alsoRequire ?? {})
    .filter(([, holds]) => !holds)
    .map(([name]) => name);
  const ok = converged(last) && missing.length === 0 && unmet.length === 0;
  recordResult(check.fault, check.title, last.tally, ok, evidence, {
    ...check.extra,
    ...check.alsoRequire,
    convergeMs: Date.now() - started,
    clientsConsistent: last.clients.every((c) => showsServerSet(c, last.serverActive)),
  });
  expect(missing, `fault ${check.fault} left evidence that it happened`).toEqual([]);
  expect(unmet, `fault ${check.fault}: every required condition holds`).toEqual([]);
  expect(last.tally, 'every placed order on the server exactly once').toEqual({
    placed: check.placedTags.length,
    onServer: check.placedTags.length,
    duplicates: 0,
    lost: 0,
  });
  last.clients.forEach((client, i) => {
    expect(client.total, `client ${i} counts the server's active orders`).toBe(last.serverActive.length);
    expect(
      client.rendered.filter((id) => !last.serverActive.includes(id)),
      `client ${i} shows only server-active orders`,
    ).toEqual([]);
    expect(client.status, `client ${i} has nothing waiting`).toContain('All changes saved');
  });
  return last.tally;
}

/** Polls until `predicate` holds, for steps inside a fault (not the final invariant). */
export async function waitFor(
  what: string,
  predicate: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  await expect.poll(predicate, { message: what, timeout: timeoutMs, intervals: [100, 250, 500] }).toBe(true);
}
