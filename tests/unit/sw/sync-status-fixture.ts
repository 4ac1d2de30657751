// The status of a paired device that is online with push up and nothing waiting: what the snapshot and
// broadcast tests start from and vary.
import type { SyncStatus } from '../../../protocol/messages.ts';

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
