// Outbox policy: which entry goes next, what its answer means, how long to wait. Strictly serial (the engine
// runs this through a serial task); per-order FIFO; a dead letter blocks only later entries of its own order;
// nothing is sent unless the device is paired, and a 401 leaves the entry exactly as it was (principle 13).

import { MAX_BATCH_MUTATIONS } from '../protocol/api.ts';
import { unreachable } from '../protocol/unreachable.ts';
import { exchange } from './api-client.ts';
import { recomputeOrder } from './apply-orders.ts';
import { nextBackoffMs, parseRetryAfterMs } from './backoff.ts';
import { readSyncMeta } from './broadcast.ts';
import { createBatcher } from './batcher.ts';
import { classifyResponse, type Classification } from './classify-response.ts';
import { type AnyTx, type OutboxEntry, type SyncMeta, type WriteTx } from './db.ts';
import { signedOutPatch } from './device.ts';
import type { EngineContext } from './engine-context.ts';
import type { OrderChange } from './merge.ts';
import { batchRequestFor, classifyBatch, takeBatch } from './outbox-batch.ts';
import { mapPerOrder } from './per-order.ts';
import { countWaiting, findByMutation, putOutboxEntry } from './outbox-store.ts';
import { isDrawerKind } from './drawer-lane.ts';
import { answerGuard, requestFor, type EntryAnswer } from './outbox-requests.ts';
import { settleEntry } from './settle-entry.ts';

export { requestFor };

/** How many lone requests for different orders may be out at once. */
export const FLUSH_WINDOW = 8;
/** How many batches may be out at once while draining (each up to MAX_BATCH_MUTATIONS entries). */
export const BATCH_WINDOW = 2;
/** Outbox entries read per IDB request when looking for sendable heads. */
const SCAN_BATCH = 64;

type Sendable = OutboxEntry & { seq: number };

export interface Sendables {
  /** Heads of distinct orders that may go now, in send order. */
  entries: Sendable[];
  /** When the earliest held-back entry may go (backoff or Retry-After), or null if none is held back. */
  wakeAt: number | null;
  /** The last exchange reached the server (or the push stream is up). */
  serverUp: boolean;
}

/**
 * Up to `limit` entries that may go now, in send order: the first waiting entry of each order that is not
 * in flight (`busyOrders`) and not blocked by an earlier dead or backed-off entry of the same order. Reads
 * the outbox in batches (one request each) rather than one cursor step per entry.
 */
export async function pickSendable(
  tx: AnyTx,
  nowMs: number,
  busyOrders: ReadonlySet<string>,
  limit: number,
): Promise<Sendables> {
  const sync = await readSyncMeta(tx);
  const store = tx.objectStore('outbox');
  // An order in flight is blocked: its next entry must wait for the answer (per-order FIFO).
  const blocked = new Set<string>(busyOrders);
  const entries: Sendable[] = [];
  const serverUp = sync.online || sync.pushConnected;
  // Signed out or never paired: every request would be a 401. The outbox waits for `paired`, not a timer.
  if (sync.auth !== 'paired') return { entries: [], wakeAt: null, serverUp };
  const heldUntil = Math.max(sync.pausedUntil, sync.backoffUntil ?? 0);
  if (heldUntil > nowMs) {
    // Nothing goes before the global pause or backoff ends: no need to read the whole outbox (during an
    // outage every intent kicks a pass, and a long scan would hold up the intent's own transaction).
    const waiting = await countWaiting(tx);
    return { entries: [], wakeAt: waiting > 0 ? heldUntil : null, serverUp };
  }
  let wakeAt: number | null = null;
  let after: number | null = null;
  /** An earlier entry still waits for its answer (queued, held back, blocked or in flight). */
  let earlierWaiting = false;
  /** A drawer intent waits behind a dead letter of its lane: the cash it would count waits with it. */
  let drawerHeld = false;
  for (;;) {
    const range = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
    const batch = await store.getAll(range, SCAN_BATCH);
    for (const entry of batch) {
      // Behind a dead letter of its own lane a drawer entry waits for the user, like any order's, and holds
      // nothing else up.
      const behindDead = blocked.has(entry.orderId) && !busyOrders.has(entry.orderId);
      if (isDrawerKind(entry.kind) && entry.state === 'waiting' && entry.seq !== undefined && !behindDead) {
        // A drawer entry is a barrier for the whole device (principle 22): it goes only once every earlier
        // entry has its answer (so a close counts every payment taken before it, and an open lands before the
        // cash payment after it), and nothing after it goes before its own answer.
        const ready = !earlierWaiting && !busyOrders.has(entry.orderId);
        if (ready && entry.nextAttemptAt > nowMs) wakeAt = Math.min(wakeAt ?? Infinity, entry.nextAttemptAt);
        else if (ready) entries.push({ ...entry, seq: entry.seq });
        return { entries, wakeAt, serverUp };
      }
      if (isDrawerKind(entry.kind) && entry.state === 'waiting' && behindDead) drawerHeld = true;
      // Cash taken after a drawer intent the user must see to first (say an open behind a refused close) waits
      // for it: sent ahead, it would open a drawer of its own on the server and the queued open would then be
      // refused as already open (found by the model test). Card and other payments, and orders, go on.
      if (drawerHeld && entry.state === 'waiting' && movesCash(entry)) {
        earlierWaiting = true;
        blocked.add(entry.orderId);
        continue;
      }
      if (entry.state === 'waiting') earlierWaiting = true;
      if (blocked.has(entry.orderId)) continue;
      blocked.add(entry.orderId); // only the head of each order is a candidate
      if (entry.state === 'dead' || entry.seq === undefined) continue;
      const at = entry.nextAttemptAt;
      if (at > nowMs) {
        wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
        continue;
      }
      entries.push({ ...entry, seq: entry.seq });
      if (entries.length >= limit) return { entries, wakeAt, serverUp };
    }
    const last = batch.at(-1);
    if (batch.length < SCAN_BATCH || last?.seq === undefined) return { entries, wakeAt, serverUp };
    after = last.seq;
  }
}

/** A payment or refund in cash: it counts in the device's drawer. */
function movesCash(entry: OutboxEntry): boolean {
  const payload = entry.payload;
  if (payload.kind === 'payment') return payload.body.method === 'cash';
  if (payload.kind === 'refund') return payload.method === 'cash';
  return false;
}

/** How a failed or odd exchange changes what the tabs are told about connectivity. */
export function connectivityAfter(result: Classification<unknown>, nowMs: number): Partial<SyncMeta> {
  // A 401 is the server answering: it is reachable, only this device is not let in (signedOutPatch says so).
  if (result.outcome === 'retry') return result.serverReached ? {} : { online: false };
  return { online: true, lastSyncAt: new Date(nowMs).toISOString() };
}

export interface FlushResult {
  /** Entries the server answered (done or dead). */
  answered: number;
  /** When the next pass can send something, or null when the outbox has nothing sendable. */
  wakeAt: number | null;
}

interface Answer {
  entry: Sendable;
  result: Classification<EntryAnswer>;
}

/** Folds one answer's connectivity patch into the batch's: later answers win, except waits (the longest holds). */
function mergeSync(into: Partial<SyncMeta>, patch: Partial<SyncMeta>): Partial<SyncMeta> {
  const merged = { ...into, ...patch };
  for (const key of ['pausedUntil', 'backoffUntil'] as const) {
    const a = into[key];
    const b = patch[key];
    if (a != null && b != null) merged[key] = Math.max(a, b);
  }
  return merged;
}

/**
 * Records one answer inside the batch's transaction (removal + applied state together).
 * Returns when the entry may go again after a retryable failure (or null), its change and its sync patch.
 */
async function applyOutcome(
  tx: WriteTx,
  { entry, result }: Answer,
  at: number,
  random: () => number,
): Promise<{
  wait: number | null;
  change: OrderChange | null;
  sync: Partial<SyncMeta>;
  drawerChanged?: boolean;
}> {
  const sync = connectivityAfter(result, at);
  // The entry may have changed while the request was out (it cannot be discarded: only dead ones can).
  const current = await findByMutation(tx, entry.mutationId);
  if (!current || current.seq === undefined) return { wait: null, change: null, sync };
  switch (result.outcome) {
    case 'done': {
      const { change, drawerChanged } = await settleEntry(tx, { ...current, seq: current.seq }, result.value);
      return { wait: null, change, sync, drawerChanged };
    }
    case 'retry': {
      const attempts = current.attempts + 1;
      const retryAfterMs = parseRetryAfterMs(result.retryAfter, at);
      const waitMs = retryAfterMs ?? nextBackoffMs(attempts, random);
      await putOutboxEntry(tx, {
        ...current,
        attempts,
        nextAttemptAt: at + waitMs,
        lastError: result.reason,
      });
      const paused = retryAfterMs === null ? {} : { pausedUntil: at + retryAfterMs };
      // Every entry waits, not just this one: otherwise each kick (a new order, a tick) would try the next
      // entry against a server that is down, and the device would hammer it.
      const backoff = { backoffUntil: at + waitMs };
      return { wait: at + waitMs, change: null, sync: { ...sync, ...paused, ...backoff } };
    }
    case 'dead': {
      await putOutboxEntry(tx, {
        ...current,
        attempts: current.attempts + 1,
        state: 'dead',
        lastError: result.code,
        deadLetter: {
          httpStatus: result.httpStatus,
          code: result.code,
          message: result.message,
          failedAt: new Date(at).toISOString(),
        },
      });
      // A drawer entry belongs to no order; its view changes (no longer `closing`, say).
      if (isDrawerKind(current.kind)) return { wait: null, change: null, sync, drawerChanged: true };
      const { change } = await recomputeOrder(tx, current.orderId);
      return { wait: null, change, sync };
    }
    case 'signed-out':
      // Not a failure of the order: no attempt counted, no backoff, no dead letter. It goes again after pairing.
      return { wait: null, change: null, sync: { ...sync, ...(await signedOutPatch(tx)) } };
    default:
      return unreachable(result);
  }
}

/**
 * Records a batch of answers (for different orders) in ONE transaction, so the batch costs one commit, one rev
 * bump, one `orders` delta and one `sync` broadcast. Returns each answer's retry time (or null), in order.
 */
async function applyOutcomes(ctx: EngineContext, answers: Answer[]): Promise<(number | null)[]> {
  const { now, random } = ctx.deps;
  const at = now();
  return ctx.write(async (tx) => {
    // Answers for one order are applied in turn (each sees the writes before it); different orders together.
    const applied = await mapPerOrder(
      answers,
      (answer) => answer.entry.orderId,
      (answer) => applyOutcome(tx, answer, at, random),
    );
    // Folded in answer order, so "later answers win" means what it meant when they were applied one by one.
    const sync = applied.reduce<Partial<SyncMeta>>((into, { sync: patch }) => mergeSync(into, patch), {});
    const drawer = applied.some((a) => a.drawerChanged === true) ? ('changed' as const) : undefined;
    return {
      result: applied.map((a) => a.wait),
      changes: applied.map((a) => a.change),
      sync,
      ...(drawer ? { drawer } : {}),
    };
  });
}

/**
 * One flush pass: sends the heads of different orders until the outbox has nothing sendable. While the server
 * is not known to be up, one lone request probes it first. Once it is up and more than one entry is ready
 * (draining), they go in batches (POST /api/batch, up to 100 mutations, BATCH_WINDOW batches in flight);
 * otherwise up to `window` lone requests. Per-order FIFO holds because only heads of orders not in flight are
 * picked: a batch never holds two entries of one order, and an order's next entry waits for the answer.
 * Each batch result is classified like a lone answer. A retryable failure stops new sends (the server is
 * struggling; other entries would fail the same way); the pass ends once the requests already out have been
 * answered, and reports when to wake.
 */
export async function flushOutbox(ctx: EngineContext, window = FLUSH_WINDOW): Promise<FlushResult> {
  const busyOrders = new Set<string>();
  const running = new Set<Promise<void>>();
  let answered = 0;
  let signedOut = false;
  let retryAt: number | null = null;
  let failure: { error: unknown } | null = null;
  let queue: Sendable[] = [];
  let wakeAt: number | null = null;
  let width: number | null = null;
  /** Cleared for the rest of the pass when the server refuses a batch (e.g. it predates /api/batch). */
  let batching = true;

  // Answers that come in while a batch is being recorded are recorded together in the next transaction.
  const record = createBatcher((answers: Answer[]) => applyOutcomes(ctx, answers));

  const draining = () => batching && width === window;

  async function afterAnswer(result: Classification<EntryAnswer>, wait: number | null): Promise<void> {
    if (result.outcome === 'retry') {
      retryAt = Math.max(retryAt ?? 0, wait ?? ctx.deps.now());
      return;
    }
    if (result.outcome === 'signed-out') {
      // Every other request would be refused the same way: send nothing more until `paired`.
      signedOut = true;
      return;
    }
    answered += 1;
    width = window;
  }

  async function send(entry: Sendable): Promise<void> {
    const result = classifyResponse(await exchange(ctx.deps, requestFor(entry)), answerGuard(entry));
    await afterAnswer(result, await record({ entry, result }));
  }

  async function sendBatch(entries: Sendable[]): Promise<void> {
    const outcome = classifyBatch(await exchange(ctx.deps, batchRequestFor(entries)), entries);
    if (outcome.kind === 'refused') {
      // Nothing is known about these entries: they go again alone (after this task's finally frees them).
      batching = false;
      queue.unshift(...entries);
      return;
    }
    const answers: Answer[] = entries.map((entry, i) => ({
      entry,
      result: outcome.kind === 'retry' ? outcome.result : (outcome.results[i] as Classification<EntryAnswer>),
    }));
    // Recorded together (one transaction), then each answer counts as its lone answer would.
    const waits = await Promise.all(answers.map((answer) => record(answer)));
    for (const [i, answer] of answers.entries()) await afterAnswer(answer.result, waits[i] ?? null);
  }

  function start(entries: Sendable[]): void {
    for (const entry of entries) busyOrders.add(entry.orderId);
    const only = entries.length === 1 ? entries[0] : undefined;
    const task: Promise<void> = (only ? send(only) : sendBatch(entries))
      .catch((error: unknown) => {
        // Kept and rethrown once the other requests are answered: none may be left running past the pass.
        failure ??= { error };
        return undefined;
      })
      .finally(() => {
        for (const entry of entries) busyOrders.delete(entry.orderId);
        running.delete(task);
      });
    running.add(task);
  }

  const inFlightLimit = () => (draining() ? BATCH_WINDOW : (width ?? 1));

  for (;;) {
    if (retryAt === null && !signedOut && failure === null && running.size < inFlightLimit()) {
      if (queue.length === 0) {
        try {
          const limit = draining() ? MAX_BATCH_MUTATIONS * BATCH_WINDOW : window * 4;
          const found = await ctx.read((tx) => pickSendable(tx, ctx.deps.now(), busyOrders, limit));
          queue = found.entries;
          wakeAt = found.wakeAt;
          width ??= found.serverUp ? window : 1;
        } catch (error) {
          failure ??= { error };
        }
      }
      while (queue.length > 0 && running.size < inFlightLimit() && failure === null) {
        // A lone ready entry still goes alone; more than one while the server is up go as a batch.
        const unit = draining() && queue.length > 1 ? takeBatch(queue) : queue.slice(0, 1);
        queue.splice(0, unit.length);
        start(unit);
      }
    }
    if (running.size === 0) {
      if (failure !== null) throw failure.error;
      // Signed out: no timer; `paired` (or the next worker start that finds the credential valid) resumes.
      if (signedOut) return { answered, wakeAt: null };
      // After a retryable failure the next pass starts again from the head of the outbox.
      if (retryAt !== null) return { answered, wakeAt: retryAt };
      if (queue.length === 0) return { answered, wakeAt };
      continue;
    }
    await Promise.race(running);
  }
}
