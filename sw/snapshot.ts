// Read models for the page: the `hello` snapshot, the Diagnostics numbers, and the active list served from
// IDB when the network cannot answer GET /api/orders?status=active.

import type { Diagnostics, Snapshot } from '../protocol/messages.ts';
import type { ActiveMirror } from './active-mirror.ts';
import { compareNewestFirst, type ClientOrder } from '../protocol/order.ts';
import type { IDBPTransaction } from 'idb';
import { ACTIVE_LIST_KEY, getMeta, type AllStores, type AnyTx, type OrderlineDb } from './db.ts';
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
  return ctx.read((tx) => readSnapshotIn(tx, mirror));
}

/** Where the active orders may come from without reading every record: the worker's memory, or one record. */
export interface OrdersShortcut {
  /** The active orders newest first as they are at `rev`, or null when this source cannot say. */
  ordersAt(rev: number): ClientOrder[] | null | Promise<ClientOrder[] | null>;
  /** The records were read instead: exact at `rev`. */
  fill?(orders: readonly ClientOrder[], rev: number): void;
}

/**
 * The snapshot as one read transaction sees it. Also what a starting page reads itself (src/local-snapshot.ts),
 * so the worker's answer and the page's own read can never differ in what they contain.
 */
export async function readSnapshotIn(tx: AnyTx, shortcut?: OrdersShortcut): Promise<Snapshot> {
  // The small reads go out together; the active orders (the long read) only when the shortcut cannot answer,
  // and with them when there is none.
  const ordersRead = shortcut === undefined ? activeOrders(tx) : null;
  const [legacyDeviceId, storedRev, sync, cursor] = await Promise.all([
    getMeta(tx, 'legacyDeviceId'),
    getMeta(tx, 'rev'),
    readSyncStatus(tx),
    getMeta(tx, 'cursor'),
  ]);
  const rev = storedRev ?? 0;
  let orders = (await shortcut?.ordersAt(rev)) ?? null;
  if (orders === null) {
    orders = await (ordersRead ?? activeOrders(tx));
    shortcut?.fill?.(orders, rev);
  }
  const deviceId = sync.device?.id ?? legacyDeviceId ?? null;
  return { orders, rev, sync, cursor: cursor ?? 0, deviceId };
}

/** A transaction that also sees the `active-list` record. */
export type StartTx = IDBPTransaction<OrderlineDb, [...AllStores, 'active-list'], 'readonly'>;

/**
 * The snapshot for a starting page: the active orders from the `active-list` record (one value) while no
 * order changed after the rev it is exact at, else from every record.
 */
export async function readStartSnapshot(tx: StartTx): Promise<Snapshot> {
  const listed = Promise.all([
    tx.objectStore('active-list').get(ACTIVE_LIST_KEY),
    tx.objectStore('meta').get('ordersRev') as Promise<number | undefined>,
  ]);
  return readSnapshotIn(tx as unknown as AnyTx, {
    async ordersAt(rev) {
      const [record, ordersRev] = await listed;
      if (record === undefined || ordersRev === undefined) return null;
      if (record.rev < ordersRev || record.rev > rev) return null;
      return JSON.parse(record.json) as ClientOrder[];
    },
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
