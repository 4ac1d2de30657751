// Background Sync (the `sync` event) where the browser has it: the outbox then drains with no tab open.
// TypeScript's WebWorker lib does not declare it, so the little we use is typed here and feature-checked.

export const OUTBOX_SYNC_TAG = 'orderline-outbox';

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/** A `sync` event: `tag` names the registration, `waitUntil` keeps the worker alive for the flush. */
export interface SyncEventLike extends ExtendableEvent {
  readonly tag: string;
}

/**
 * Registers the outbox sync only while the browser itself is offline: that is the case Background Sync is
 * for (it fires when connectivity returns, even with no tab open). While the browser is online but our server
 * is down, a registration would fire at once, again after every failed attempt, and defeat the backoff.
 */
export function backgroundSyncRegistrar(
  registration: ServiceWorkerRegistration,
  browserOnline: () => boolean,
): (() => Promise<void>) | undefined {
  const manager = (registration as ServiceWorkerRegistration & { sync?: SyncManagerLike }).sync;
  if (!manager) return undefined;
  return async () => {
    if (!browserOnline()) await manager.register(OUTBOX_SYNC_TAG);
  };
}

export function isSyncEvent(event: Event): event is SyncEventLike {
  return typeof (event as { tag?: unknown }).tag === 'string' && 'waitUntil' in event;
}
