// Read models for the page: the `hello` snapshot, the Diagnostics numbers, and the active list served from
// IDB when the network cannot answer GET /api/orders?status=active.

import type { Diagnostics, Snapshot } from '../protocol/messages.ts';
import type { ActiveMirror } from './active-mirror.ts';
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

/**
 * Everything a tab needs to render from scratch (read-only; the caller counts the cache hit). The active
 * orders come from `mirror` when it is exact at the rev this transaction sees, else from IDB (refilling it).
 */
export async function readSnapshot(ctx: EngineContext, mirror?: ActiveMirror): Promise<Snapshot> {
  return ctx.read(async (tx) => {
    // The small reads go out together; the active orders (the long read) only when the mirror cannot answer.
    const [legacyDeviceId, storedRev, sync, cursor] = await Promise.all([
      getMeta(tx, 'legacyDeviceId'),
      getMeta(tx, 'rev'),
      readSyncStatus(tx),
      getMeta(tx, 'cursor'),
    ]);
    const rev = storedRev ?? 0;
    let orders = mirror?.ordersAt(rev) ?? null;
    if (orders === null) {
      orders = await activeOrders(tx);
      mirror?.fill(orders, rev);
    }
    const deviceId = sync.device?.id ?? legacyDeviceId ?? null;
    return { orders, rev, sync, cursor: cursor ?? 0, deviceId };
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
