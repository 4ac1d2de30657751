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

export function backgroundSyncRegistrar(
  registration: ServiceWorkerRegistration,
): (() => Promise<void>) | undefined {
  const manager = (registration as ServiceWorkerRegistration & { sync?: SyncManagerLike }).sync;
  if (!manager) return undefined;
  return () => manager.register(OUTBOX_SYNC_TAG);
}

export function isSyncEvent(event: Event): event is SyncEventLike {
  return typeof (event as { tag?: unknown }).tag === 'string' && 'waitUntil' in event;
}
