// Read models for the page: the `hello` snapshot, the Diagnostics numbers, and the active list served from
// IDB when the network cannot answer GET /api/orders?status=active.

import type { Diagnostics, Snapshot } from '../protocol/messages.ts';
import { compareNewestFirst, type ClientOrder } from '../protocol/order.ts';
import { getMeta, type AnyTx } from './db.ts';
import { readSyncMeta, readSyncStatus } from './broadcast.ts';
import type { EngineContext } from './engine-context.ts';
import { countRead, pullsInLastMinute, readMetrics } from './metrics.ts';
import { countOutbox, oldestWaiting } from './outbox-store.ts';

async function activeOrders(tx: AnyTx): Promise<ClientOrder[]> {
  const records = await tx.objectStore('orders').index('by-active').getAll(1);
  return records.map((record) => record.view).sort(compareNewestFirst);
}

/** Everything a tab needs to render from scratch (read-only; the caller counts the cache hit). */
export async function readSnapshot(ctx: EngineContext): Promise<Snapshot> {
  return ctx.read(async (tx) => {
    // Issued together (a cold start waits on this): the active-orders read dominates and the small reads
    // ride along instead of each taking its own round trip first.
    const [orders, legacyDeviceId, rev, sync, cursor] = await Promise.all([
      activeOrders(tx),
      getMeta(tx, 'legacyDeviceId'),
      getMeta(tx, 'rev'),
      readSyncStatus(tx),
      getMeta(tx, 'cursor'),
    ]);
    const deviceId = sync.device?.id ?? legacyDeviceId ?? null;
    return { orders, rev: rev ?? 0, sync, cursor: cursor ?? 0, deviceId };
  });
}

/** A snapshot served to a tab is a read served from IDB: a cache hit. */
export async function countSnapshotHit(ctx: EngineContext): Promise<void> {
  await ctx.writeQuiet((tx) => countRead(tx, 'hit'));
}

export async function readDiagnostics(ctx: EngineContext): Promise<Diagnostics> {
  const nowMs = ctx.deps.now();
  return ctx.read(async (tx) => {
    const metrics = await readMetrics(tx);
    const sync = await readSyncMeta(tx);
    const oldest = await oldestWaiting(tx);
    return {
      outboxDepth: await countOutbox(tx),
      oldestWaitingAt: oldest?.createdAt ?? null,
      cacheHits: metrics.cacheHits,
      cacheMisses: metrics.cacheMisses,
      pullsLastMinute: pullsInLastMinute(metrics, nowMs),
      lastSyncAt: sync.lastSyncAt,
      pushConnected: sync.pushConnected,
      recoveryTimesMs: metrics.recoveryTimesMs,
    };
  });
}

/** The active list as the network would answer it, from IDB (a cache hit). */
export async function activeOrdersFromCache(
  ctx: EngineContext,
): Promise<{ orders: ClientOrder[]; cursor: number }> {
  return ctx.writeQuiet(async (tx) => {
    await countRead(tx, 'hit');
    return { orders: await activeOrders(tx), cursor: (await getMeta(tx, 'cursor')) ?? 0 };
  });
}

export async function countNetworkRead(ctx: EngineContext): Promise<void> {
  await ctx.writeQuiet((tx) => countRead(tx, 'miss'));
}
