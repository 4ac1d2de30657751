// What the snapshot and broadcast tests start from and vary: the status of a paired device that is online with
// push up and nothing waiting, and an orders broadcast.
import type { OrdersDelta, SyncStatus } from '../../../protocol/messages.ts';

export function syncedStatus(): SyncStatus {
  return {
    online: true,
    pushConnected: true,
    waiting: 0,
    needsAttention: [],
    lastSyncAt: null,
    storageError: null,
    auth: 'paired',
    device: null,
  };
}

/** An orders broadcast at `rev` carrying `delta` (nothing by default). */
export function ordersBroadcast(
  rev: number,
  delta: Partial<Pick<OrdersDelta, 'added' | 'updated' | 'removed'>> = {},
): OrdersDelta {
  return { v: 1, type: 'orders', rev, added: [], updated: [], removed: [], ...delta };
}
