// Leader election (Web Locks) and the push stream: one tab per device holds the lock for its whole
// lifetime, keeps an EventSource on /api/events, and forwards each event to the SW. Any tab pokes the
// SW on `online` and on becoming visible.
import { STREAM_DEAD_AFTER_MS, type PushEventData } from '../protocol/api.ts';
import type { SyncReason } from '../protocol/messages.ts';
import type { OrdersStore } from './orders-store.ts';
import { errorMessage, type SwBridge } from './sw-bridge.ts';

const LOCK_NAME = 'orderline-leader';
const TICK_MS = 5_000;
/** Stream re-creation backoff: short, because recovery after an outage must take under 2 s. */
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 1_000;

export interface LeaderOptions {
  random?: () => number;
  onError?: (message: string) => void;
}

export function startSyncTriggers(bridge: SwBridge, store: OrdersStore, options: LeaderOptions = {}): void {
  const poke = (reason: SyncReason) => send(bridge, { v: 1, type: 'sync-now', reason }, options.onError);
  window.addEventListener('online', () => poke('online'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') poke('visible');
  });
  if (!('locks' in navigator)) {
    options.onError?.('This browser cannot elect a leader tab (no Web Locks): live updates are off.');
    return;
  }
  // The callback's promise never settles, so the lock is held until the tab goes away; the
  // browser then grants it to the next waiting tab, which starts its stream at once.
  void navigator.locks.request(
    LOCK_NAME,
    () => new Promise<never>(() => new PushStream(bridge, store, options)),
  );
}

class PushStream {
  private source: EventSource | null = null;
  private connected = false;
  private lastCursor = 0;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;

  constructor(
    private readonly bridge: SwBridge,
    private readonly store: OrdersStore,
    private readonly options: LeaderOptions,
  ) {
    // A previous leader may have died with its stream up: say where push stands until ours opens.
    send(bridge, { v: 1, type: 'push-status', connected: false }, options.onError);
    this.open();
    setInterval(() => this.tick(), TICK_MS);
    // Coming back online: don't wait for the backoff, try the stream now.
    window.addEventListener('online', () => {
      if (!this.connected) this.reopen(0);
    });
  }

  private open(): void {
    const since = Math.max(this.lastCursor, this.store.cursor);
    const source = new EventSource(`/api/events?since=${since}`);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.setConnected(true);
      this.armWatchdog();
    };
    source.addEventListener('heartbeat', () => this.armWatchdog());
    source.addEventListener('orders', (event: MessageEvent<string>) => {
      this.armWatchdog();
      this.forward(event.data);
    });
    // EventSource gives up for good after a 5xx or a non-SSE answer, so every error means: start over.
    source.onerror = () => this.reopen(this.backoff());
    this.armWatchdog();
  }

  private forward(data: string): void {
    let payload: PushEventData;
    try {
      payload = JSON.parse(data) as PushEventData;
    } catch (error) {
      this.options.onError?.(`The server sent an unreadable update: ${errorMessage(error)}`);
      return;
    }
    if (typeof payload.cursor !== 'number' || !Array.isArray(payload.orders)) return;
    this.lastCursor = Math.max(this.lastCursor, payload.cursor);
    send(
      this.bridge,
      { v: 1, type: 'push', cursor: payload.cursor, orders: payload.orders },
      this.options.onError,
    );
  }

  private reopen(delayMs: number): void {
    this.source?.close();
    this.source = null;
    clearTimeout(this.watchdog);
    this.setConnected(false);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.open(), delayMs);
  }

  private backoff(): number {
    this.failures++;
    const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (this.failures - 1));
    const random = this.options.random ?? Math.random;
    return Math.round(base * (0.8 + 0.4 * random()));
  }

  /** 25 s with no event at all (heartbeats come every 10 s) means the stream is dead though still "open". */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.reopen(0), STREAM_DEAD_AFTER_MS);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    send(this.bridge, { v: 1, type: 'push-status', connected }, this.options.onError);
  }

  private tick(): void {
    // Zero polling while push is up; the outbox tick wakes a worker the browser may have stopped.
    if (!this.connected) send(this.bridge, { v: 1, type: 'sync-now', reason: 'poll' }, this.options.onError);
    else if ((this.store.sync?.waiting ?? 0) > 0)
      send(this.bridge, { v: 1, type: 'sync-now', reason: 'outbox-tick' }, this.options.onError);
  }
}

function send(
  bridge: SwBridge,
  message: Parameters<SwBridge['request']>[0],
  onError: ((message: string) => void) | undefined,
): void {
  bridge.request(message).catch((error: unknown) => {
    onError?.(`Sync request "${message.type}" failed: ${errorMessage(error)}`);
  });
}
