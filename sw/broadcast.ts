// Turns what a transaction changed into BroadcastChannel messages, bumping the persisted `rev` inside that
// same transaction (principle 8): a tab that sees a gap in rev knows it missed something and re-snapshots.

import type { Broadcast, DeadLetter, OrdersDelta, SyncBroadcast, SyncStatus } from '../protocol/messages.ts';
import { getMeta, putMeta, type AnyTx, type SyncMeta, type WriteTx } from './db.ts';
import type { OrderChange } from './merge.ts';
import { countWaiting, listDeadLetters } from './outbox-store.ts';
import { readMetrics } from './metrics.ts';

export const RECOVERY_HISTORY = 20;

export function initialSyncMeta(): SyncMeta {
  return {
    online: false,
    pushConnected: false,
    lastSyncAt: null,
    storageError: null,
    pausedUntil: 0,
    backoffUntil: 0,
    recoveringSince: null,
    lastBroadcast: null,
    auth: 'unpaired',
    device: null,
  };
}

export async function readSyncMeta(tx: AnyTx): Promise<SyncMeta> {
  // Defaults first: a record written before pairing existed has no `auth`/`device` (unpaired until /api/me).
  return { ...initialSyncMeta(), ...(await getMeta(tx, 'sync')) };
}

/** The sync status tabs show, read inside the caller's transaction. */
export async function readSyncStatus(tx: AnyTx, meta?: SyncMeta): Promise<SyncStatus> {
  // The reads go out together: one round trip to the IDB thread instead of three.
  const [sync, waiting, needsAttention] = await Promise.all([
    meta ?? readSyncMeta(tx),
    countWaiting(tx),
    listDeadLetters(tx),
  ]);
  return statusFrom(sync, waiting, needsAttention);
}

function statusFrom(sync: SyncMeta, waiting: number, needsAttention: DeadLetter[]): SyncStatus {
  return {
    // Online = the last exchange with the server succeeded, or the push stream is up.
    online: sync.online || sync.pushConnected,
    pushConnected: sync.pushConnected,
    waiting,
    needsAttention,
    lastSyncAt: sync.lastSyncAt,
    storageError: sync.storageError,
    auth: sync.auth,
    device: sync.device,
  };
}

export function buildOrdersDelta(rev: number, changes: readonly OrderChange[]): OrdersDelta {
  const delta: OrdersDelta = { v: 1, type: 'orders', rev, added: [], updated: [], removed: [] };
  for (const change of changes) {
    if (change.type === 'added') delta.added.push(change.order);
    else if (change.type === 'updated') delta.updated.push({ order: change.order, changes: change.changes });
    else delta.removed.push({ orderId: change.orderId, reason: change.reason });
  }
  return delta;
}

/**
 * Whether the tabs already know `b`. `lastSyncAt` alone does not count: it moves with every push and every
 * answer, and a broadcast (and a re-render in every tab) per push for a time no screen shows live would be
 * wasted work on the hot path; Diagnostics reads it on request. It rides along with the next real change.
 */
function sameStatus(a: SyncStatus | null, b: SyncStatus): boolean {
  return (
    a !== null && JSON.stringify({ ...a, lastSyncAt: null }) === JSON.stringify({ ...b, lastSyncAt: null })
  );
}

/**
 * Finishes a write transaction: applies `syncPatch`, records recovery times, and returns the broadcasts that
 * describe the transaction (orders delta and/or sync status), each with its own freshly persisted rev.
 * The caller posts them only after the transaction committed.
 */
export async function commitBroadcasts(
  tx: WriteTx,
  changes: readonly OrderChange[],
  syncPatch: Partial<SyncMeta>,
  nowMs: number,
): Promise<Broadcast[]> {
  const out: Broadcast[] = [];
  // Issued together (one round trip): the outbox counts do not depend on the sync patch.
  const [storedRev, before, waiting, needsAttention] = await Promise.all([
    getMeta(tx, 'rev'),
    readSyncMeta(tx),
    countWaiting(tx),
    listDeadLetters(tx),
  ]);
  let rev = storedRev ?? 0;
  if (changes.length > 0) {
    rev += 1;
    out.push(buildOrdersDelta(rev, changes));
  }
  const sync: SyncMeta = { ...before, ...syncPatch };
  const status = statusFrom(sync, waiting, needsAttention);
  // Recovery = the server was seen again after an outage → the outbox is empty (DESIGN.md budgets).
  const wasOnline = before.online || before.pushConnected;
  if (!wasOnline && status.online && status.waiting > 0 && sync.recoveringSince === null) {
    sync.recoveringSince = nowMs;
  }
  if (sync.recoveringSince !== null && status.waiting === 0) {
    const metrics = await readMetrics(tx);
    metrics.recoveryTimesMs = [...metrics.recoveryTimesMs, nowMs - sync.recoveringSince].slice(
      -RECOVERY_HISTORY,
    );
    await putMeta(tx, 'metrics', metrics);
    sync.recoveringSince = null;
  }
  if (!sameStatus(sync.lastBroadcast, status)) {
    rev += 1;
    const message: SyncBroadcast = { v: 1, type: 'sync', rev, ...status };
    out.push(message);
    sync.lastBroadcast = status;
  }
  const writes = [putMeta(tx, 'sync', sync), putMeta(tx, 'rev', rev)];
  // The orders changed at this rev: an `active-list` record older than it no longer stands for the list.
  if (changes.length > 0) writes.push(putMeta(tx, 'ordersRev', out[0]!.rev));
  await Promise.all(writes);
  return out;
}
