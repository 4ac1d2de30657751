// Pull (GET /api/orders/changes since the stored cursor, page by page) and push (an SSE batch forwarded by the
// leader tab). Both go through applyServerOrders; each page and the cursor it covers are one transaction.

import type { Order } from '../protocol/order.ts';
import { isChangesResponse, isOrder } from './api-guards.ts';
import { exchange } from './api-client.ts';
import { applyServerOrders, pruneFinished, replaceWithSnapshot } from './apply-orders.ts';
import { classifyResponse } from './classify-response.ts';
import { getMeta, putMeta } from './db.ts';
import { signedOutPatch } from './device.ts';
import type { EngineContext } from './engine-context.ts';
import { countPull } from './metrics.ts';
import { clearBackoff } from './outbox-store.ts';
import { connectivityAfter } from './outbox-flush.ts';

export const PULL_PAGE_LIMIT = 500;
/** A runaway feed (a server bug answering `more: true` forever) must not pin the worker. */
const MAX_PAGES_PER_PULL = 1000;

export type PullResult = 'ok' | 'failed' | 'signed-out';

export async function pullChanges(ctx: EngineContext): Promise<PullResult> {
  const { now } = ctx.deps;
  for (let page = 0; page < MAX_PAGES_PER_PULL; page += 1) {
    const since = await ctx.read(async (tx) => (await getMeta(tx, 'cursor')) ?? 0);
    const facts = await exchange(ctx.deps, {
      method: 'GET',
      path: `/api/orders/changes?since=${since}&limit=${PULL_PAGE_LIMIT}`,
    });
    const result = classifyResponse(facts, isChangesResponse);
    const at = now();
    const sync = connectivityAfter(result, at);
    if (result.outcome === 'signed-out') {
      // The device's credential is gone: stop here (the engine polls no more until `paired`).
      await ctx.write(async (tx) => ({ result: null, sync: { ...sync, ...(await signedOutPatch(tx)) } }));
      return 'signed-out';
    }
    if (result.outcome !== 'done') {
      await ctx.write(async () => ({ result: null, sync }));
      return 'failed';
    }
    const body = result.value;
    await ctx.write(async (tx) => {
      await countPull(tx, at);
      // The server answered: entries waiting out a backoff may go now (recovery must not wait for a timer).
      await clearBackoff(tx);
      if (body.reset) {
        const changes = await replaceWithSnapshot(tx, body.orders);
        await putMeta(tx, 'cursor', body.cursor);
        return { result: null, changes, sync: { ...sync, backoffUntil: 0 } };
      }
      // A push may have moved the cursor while this page was in flight; both cover everything up to theirs.
      const stored = (await getMeta(tx, 'cursor')) ?? 0;
      const cursorAfter = Math.max(stored, body.cursor);
      const changes = await applyServerOrders(tx, body.orders, { seenThrough: stored, cursorAfter });
      await putMeta(tx, 'cursor', cursorAfter);
      await pruneFinished(tx, cursorAfter);
      return { result: null, changes, sync: { ...sync, backoffUntil: 0 } };
    });
    if (!body.more) return 'ok';
  }
  return 'ok';
}

/** True when `orders` hold every seq in (stored, cursor]: only then may the cursor jump to `cursor`. */
function connects(stored: number, cursor: number, orders: readonly Order[]): boolean {
  if (cursor <= stored || cursor - stored > orders.length) return false;
  const seqs = new Set(orders.map((order) => order.seq));
  for (let seq = stored + 1; seq <= cursor; seq += 1) if (!seqs.has(seq)) return false;
  return true;
}

export interface PushResult {
  /** The push left a gap after the stored cursor: a pull must fill it. */
  gap: boolean;
}

/**
 * Applies one SSE batch. Safe whatever order pushes come in (apply by seq); the cursor only advances when
 * the batch provably continues it, otherwise the caller pulls to fill the gap.
 */
export async function applyPush(
  ctx: EngineContext,
  cursor: number,
  rawOrders: readonly unknown[],
): Promise<PushResult> {
  const orders = rawOrders.filter(isOrder);
  const at = ctx.deps.now();
  return ctx.write(async (tx) => {
    const stored = (await getMeta(tx, 'cursor')) ?? 0;
    const advance = connects(stored, cursor, orders);
    const cursorAfter = advance ? cursor : stored;
    const changes = await applyServerOrders(tx, orders, { seenThrough: stored, cursorAfter });
    if (advance) await putMeta(tx, 'cursor', cursorAfter);
    // A push is the server seen again: cut any backoff short.
    await clearBackoff(tx);
    return {
      result: { gap: !advance && cursor > stored },
      changes,
      sync: { online: true, lastSyncAt: new Date(at).toISOString(), backoffUntil: 0 },
    };
  });
}
