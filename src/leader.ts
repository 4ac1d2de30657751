// Leader election (Web Locks): one tab per device holds the lock for its whole lifetime and runs the
// push stream and the telemetry reports. Every tab pokes the SW on `online` and on becoming visible.
import type { PageRequest, SyncReason } from '../protocol/messages.ts';
import { APP_VERSION } from './app-version.ts';
import type { DisplayTiming } from './display-timing.ts';
import type { OrdersStore } from './orders-store.ts';
import { PushStream } from './push-stream.ts';
import { errorMessage, type SwBridge } from './sw-bridge.ts';

const LOCK_NAME = 'orderline-leader';

export function startSyncTriggers(
  bridge: SwBridge,
  store: OrdersStore,
  reportError: (message: string) => void,
  timing: DisplayTiming,
): void {
  const send = (message: PageRequest) =>
    bridge.request(message).catch((error: unknown) => {
      reportError(`Sync request "${message.type}" failed: ${errorMessage(error)}`);
    });
  const poke = (reason: SyncReason) => send({ v: 1, type: 'sync-now', reason });
  window.addEventListener('online', () => poke('online'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') poke('visible');
  });
  if (!('locks' in navigator)) {
    reportError(
      'This browser cannot elect a leader tab (no Web Locks): live updates from other devices are off.',
    );
    return;
  }
  // The callback's promise never settles, so the lock is held until the tab goes away; the browser then
  // grants it to the next waiting tab, which starts its stream at once.
  void navigator.locks.request(LOCK_NAME, () => {
    const stream = new PushStream({
      openStream: (url) => new EventSource(url),
      send: (message) => void send(message),
      snapshotCursor: () => store.cursor,
      waiting: () => store.sync?.waiting ?? 0,
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number | undefined),
      setInterval: (callback, ms) => window.setInterval(callback, ms),
      random: Math.random,
      reportError,
      // Before the first snapshot the tab does not know yet: wait for it rather than risk a 401 stream.
      mayConnect: () => store.sync?.auth === 'paired',
      // The printers' relay is its own chunk (only alerts and the Printers screen read it); the module
      // promise resolves its callbacks in order, so events keep their order.
      relayPrinters: (raw) =>
        void import('./printer-status-channel.ts').then(
          (channel) => channel.relayPrintersEvent(raw),
          (error: unknown) => reportError(`Printer status relay did not load: ${errorMessage(error)}`),
        ),
    });
    window.addEventListener('online', () => stream.reconnectNow());
    let auth = store.sync?.auth;
    store.subscribe(() => {
      if (store.sync?.auth === auth) return;
      auth = store.sync?.auth;
      stream.authChanged();
    });
    // Only the leader reports, so a device with several tabs sends one report a minute, not one per tab.
    // Its own chunk: the first report is a minute away, the counter's start need not carry it.
    import('./telemetry-sender.ts').then(
      ({ postTelemetry, startTelemetry, TELEMETRY_INTERVAL_KEY, telemetryInterval }) =>
        startTelemetry({
          timing,
          diagnostics: () => bridge.request({ v: 1, type: 'diagnostics' }),
          mayReport: () => navigator.onLine && store.sync?.auth === 'paired',
          appVersion: APP_VERSION,
          intervalMs: telemetryInterval(readSetting(TELEMETRY_INTERVAL_KEY)),
          post: postTelemetry,
        }),
      (error: unknown) => reportError(`Telemetry did not load: ${errorMessage(error)}`),
    );
    return new Promise<never>(() => {});
  });
}

function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the default applies
  }
}
