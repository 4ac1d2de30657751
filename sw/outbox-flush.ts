// Outbox policy: which entry goes next, what its answer means, how long to wait. Strictly serial (the engine
// runs this through a serial task); per-order FIFO; a dead letter blocks only later entries of its own order.

import type { Order } from '../protocol/order.ts';
import { unreachable } from '../protocol/unreachable.ts';
import { isOrder } from './api-guards.ts';
import { exchange, type ApiRequest } from './api-client.ts';
import { settleMutation, recomputeOrder } from './apply-orders.ts';
import { nextBackoffMs, parseRetryAfterMs } from './backoff.ts';
import { readSyncMeta } from './broadcast.ts';
import { classifyResponse, type Classification } from './classify-response.ts';
import { getMeta, type AnyTx, type OutboxEntry, type SyncMeta } from './db.ts';
import { confirmDeviceCode } from './device.ts';
import type { EngineContext } from './engine-context.ts';
import { findByMutation, putOutboxEntry } from './outbox-store.ts';

export type NextEntry =
  | { kind: 'send'; entry: OutboxEntry & { seq: number } }
  /** Nothing can go before `at` (backoff or the server's Retry-After). */
  | { kind: 'wait'; at: number }
  | { kind: 'idle' };

/** The first entry, in send order, whose order is not blocked by an earlier dead or backed-off entry. */
export async function pickNextEntry(tx: AnyTx, nowMs: number): Promise<NextEntry> {
  const sync = await readSyncMeta(tx);
  const blocked = new Set<string>();
  let earliest: number | null = null;
  for (let c = await tx.objectStore('outbox').openCursor(); c; c = await c.continue()) {
    const entry = c.value;
    if (blocked.has(entry.orderId)) continue;
    if (entry.state === 'dead' || entry.seq === undefined) {
      blocked.add(entry.orderId);
      continue;
    }
    // A pause the server asked for, or the backoff after a failure, holds new entries too.
    const at = Math.max(entry.nextAttemptAt, sync.pausedUntil, sync.backoffUntil ?? 0);
    if (at > nowMs) {
      blocked.add(entry.orderId);
      earliest = earliest === null ? at : Math.min(earliest, at);
      continue;
    }
    return { kind: 'send', entry: { ...entry, seq: entry.seq } };
  }
  return earliest === null ? { kind: 'idle' } : { kind: 'wait', at: earliest };
}

export function requestFor(entry: OutboxEntry): ApiRequest {
  const payload = entry.payload;
  switch (payload.kind) {
    case 'create':
      return { method: 'POST', path: '/api/orders', idempotencyKey: entry.orderId, body: payload.body };
    case 'status':
      return {
        method: 'PATCH',
        path: `/api/orders/${encodeURIComponent(entry.orderId)}`,
        idempotencyKey: entry.mutationId,
        body: { status: payload.status },
      };
    case 'paid':
      return {
        method: 'PATCH',
        path: `/api/orders/${encodeURIComponent(entry.orderId)}`,
        idempotencyKey: entry.mutationId,
        body: { paid: true },
      };
    default:
      return unreachable(payload);
  }
}

/** How a failed or odd exchange changes what the tabs are told about connectivity. */
export function connectivityAfter(result: Classification<unknown>, nowMs: number): Partial<SyncMeta> {
  if (result.outcome === 'retry') return result.serverReached ? {} : { online: false };
  return { online: true, lastSyncAt: new Date(nowMs).toISOString() };
}

export interface FlushResult {
  /** Entries the server answered (done or dead). */
  answered: number;
  /** When the next pass can send something, or null when the outbox has nothing sendable. */
  wakeAt: number | null;
}

async function applyOutcome(
  ctx: EngineContext,
  entry: OutboxEntry & { seq: number },
  result: Classification<Order>,
): Promise<NextEntry> {
  const { now, random } = ctx.deps;
  const at = now();
  const sync = connectivityAfter(result, at);
  return ctx.write(async (tx) => {
    // The entry may have changed while the request was out (it cannot be discarded: only dead ones can).
    const current = await findByMutation(tx, entry.mutationId);
    if (!current || current.seq === undefined) return { result: await pickNextEntry(tx, at), sync };
    switch (result.outcome) {
      case 'done': {
        const cursor = (await getMeta(tx, 'cursor')) ?? 0;
        const change = await settleMutation(tx, current.seq, result.value, {
          seenThrough: cursor,
          cursorAfter: cursor,
        });
        // Picking the next entry in the same transaction saves a round trip per entry when draining.
        return { result: await pickNextEntry(tx, at), changes: [change], sync };
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
        // The pass ends here (see flushOutbox); the next one starts when this entry may go again.
        return {
          result: { kind: 'wait', at: at + waitMs } as const,
          sync: { ...sync, ...paused, ...backoff },
        };
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
        const { change } = await recomputeOrder(tx, current.orderId);
        return { result: await pickNextEntry(tx, at), changes: [change], sync };
      }
      default:
        return unreachable(result);
    }
  });
}

/**
 * One flush pass: send entries one at a time until the outbox has nothing sendable. A retryable failure ends
 * the pass (the server is struggling; other entries would fail the same way) and reports when to wake.
 */
export async function flushOutbox(ctx: EngineContext): Promise<FlushResult> {
  let answered = 0;
  let deviceChecked = false;
  let next = await ctx.read((tx) => pickNextEntry(tx, ctx.deps.now()));
  for (;;) {
    if (next.kind === 'idle') return { answered, wakeAt: null };
    if (next.kind === 'wait') return { answered, wakeAt: next.at };
    const result = classifyResponse(await exchange(ctx.deps, requestFor(next.entry)), isOrder);
    const after = await applyOutcome(ctx, next.entry, result);
    // A retryable failure ends the pass: the server is unreachable or struggling, so the rest would fail
    // the same way. The next pass starts again from the head of the outbox.
    if (result.outcome === 'retry')
      return { answered, wakeAt: after.kind === 'wait' ? after.at : ctx.deps.now() };
    answered += 1;
    if (!deviceChecked) {
      // The server is reachable: a good moment to swap the provisional device code for the server's.
      deviceChecked = true;
      await confirmDeviceCode(ctx);
      next = await ctx.read((tx) => pickNextEntry(tx, ctx.deps.now()));
    } else {
      next = after;
    }
  }
}
