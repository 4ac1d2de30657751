// Pull (GET /api/orders/changes since the stored cursor, page by page) and push (an SSE batch forwarded by the
// leader tab). Both go through applyServerOrders; each page and the cursor it covers are one transaction, and a
// reset (all its pages) is one transaction too.

import type { ChangesResponse } from '../protocol/api.ts';
import type { Order } from '../protocol/order.ts';
import { isChangesResponse, isOrder } from './api-guards.ts';
import { exchange } from './api-client.ts';
import { applyServerOrders, replaceWithSnapshot } from './apply-orders.ts';
import { trimRecentFinished } from './recent-finished.ts';
import { classifyResponse } from './classify-response.ts';
import { getMeta, putMeta, type SyncMeta } from './db.ts';
import { signedOutPatch } from './device.ts';
import type { EngineContext } from './engine-context.ts';
import { countPull } from './metrics.ts';
import { clearBackoff } from './outbox-store.ts';
import { connectivityAfter } from './outbox-flush.ts';

export const PULL_PAGE_LIMIT = 500;
/** A runaway feed (a server bug answering `more: true` forever) must not pin the worker. */
const MAX_PAGES_PER_PULL = 1000;

export type PullResult = 'ok' | 'failed' | 'signed-out';

function changesPath(since: number, snapshotAfter?: number): string {
  const continued = snapshotAfter === undefined ? '' : `&snapshotAfter=${snapshotAfter}`;
  return `/api/orders/changes?since=${since}${continued}&limit=${PULL_PAGE_LIMIT}`;
}

type Fetched =
  { ok: true; page: ChangesResponse } | { ok: false; sync: Partial<SyncMeta>; signedOut: boolean };

async function fetchPage(ctx: EngineContext, path: string): Promise<Fetched> {
  const result = classifyResponse(await exchange(ctx.deps, { method: 'GET', path }), isChangesResponse);
  if (result.outcome !== 'done') {
    const sync = connectivityAfter(result, ctx.deps.now());
    return { ok: false, sync, signedOut: result.outcome === 'signed-out' };
  }
  return { ok: true, page: result.value };
}

/**
 * Follows a reset through all its pages (DESIGN.md Limits: the client replaces its cache only once it has the
 * last page). A continuation answered with another cursor means the server started a new reset (e.g. it was
 * restored meanwhile): the collection starts over from that page.
 */
async function collectReset(ctx: EngineContext, first: ChangesResponse): Promise<Fetched> {
  let head = first;
  let orders = [...first.orders];
  let page = first;
  for (let n = 0; page.more && n < MAX_PAGES_PER_PULL; n += 1) {
    const next = await fetchPage(ctx, changesPath(head.cursor, page.snapshotAfter ?? 0));
    if (!next.ok) return next;
    page = next.page;
    if (!page.reset || page.cursor !== head.cursor) {
      if (!page.reset) return { ok: false, sync: {}, signedOut: false }; // the server forgot the reset: pull again later
      head = page;
      orders = [];
    }
    orders.push(...page.orders);
  }
  return { ok: true, page: { ...head, orders, more: false } };
}

export async function pullChanges(ctx: EngineContext): Promise<PullResult> {
  const { now } = ctx.deps;
  for (let n = 0; n < MAX_PAGES_PER_PULL; n += 1) {
    const since = await ctx.read(async (tx) => (await getMeta(tx, 'cursor')) ?? 0);
    let fetched = await fetchPage(ctx, changesPath(since));
    // A reset arrives whole before anything is written: one transaction then swaps the cache.
    const multiPageReset = fetched.ok && fetched.page.reset && fetched.page.more;
    if (fetched.ok && multiPageReset) fetched = await collectReset(ctx, fetched.page);
    const at = now();
    if (!fetched.ok) {
      const sync = fetched.sync;
      if (fetched.signedOut) {
        // The device's credential is gone: stop here (the engine polls no more until `paired`).
        await ctx.write(async (tx) => ({ result: null, sync: { ...sync, ...(await signedOutPatch(tx)) } }));
        return 'signed-out';
      }
      await ctx.write(async () => ({ result: null, sync }));
      return 'failed';
    }
    const body = fetched.page;
    const sync = { online: true, lastSyncAt: new Date(at).toISOString(), backoffUntil: 0 };
    await ctx.write(async (tx) => {
      await countPull(tx, at);
      // The server answered: entries waiting out a backoff may go now (recovery must not wait for a timer).
      await clearBackoff(tx);
      if (body.reset) {
        // Keeps every outbox entry and rebases pending changes on the snapshot (apply-orders.ts).
        const changes = await replaceWithSnapshot(tx, body.orders);
        await putMeta(tx, 'cursor', body.cursor);
        return { result: null, changes, sync };
      }
      // A push may have moved the cursor while this page was in flight; both cover everything up to theirs.
      const stored = (await getMeta(tx, 'cursor')) ?? 0;
      const cursorAfter = Math.max(stored, body.cursor);
      const changes = await applyServerOrders(tx, body.orders, stored);
      await putMeta(tx, 'cursor', cursorAfter);
      await trimRecentFinished(tx, cursorAfter, at);
      return { result: null, changes, sync };
    });
    // After a reset in several pages, orders that changed between pages are in the feed after its cursor.
    if (!body.more && !multiPageReset) return 'ok';
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
    // A push is the server seen again: cut any backoff short. Issued with the cursor read (pushes are the
    // other-device hot path; clearing backoff touches only outbox timing, which nothing below reads).
    const [stored] = await Promise.all([getMeta(tx, 'cursor').then((c) => c ?? 0), clearBackoff(tx)]);
    const advance = connects(stored, cursor, orders);
    const cursorAfter = advance ? cursor : stored;
    const [changes] = await Promise.all([
      applyServerOrders(tx, orders, stored),
      advance ? putMeta(tx, 'cursor', cursorAfter) : undefined,
    ]);
    // Only a push that finished an order can put the kept set over its count (the age bound is kept by
    // pulls, and reads skip anything too old meanwhile).
    if (changes.some((change) => change.type === 'removed')) await trimRecentFinished(tx, cursorAfter, at);
    return {
      result: { gap: !advance && cursor > stored },
      changes,
      sync: { online: true, lastSyncAt: new Date(at).toISOString(), backoffUntil: 0 },
    };
  });
}
