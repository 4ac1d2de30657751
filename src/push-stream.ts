// The leader tab's push stream: one EventSource on /api/events, each `orders` event forwarded to the SW (a
// `reset` makes the SW pull the snapshot), the stream recreated whenever it errors or falls silent, and pokes to
// the SW while push is down or the outbox is not empty. Only a paired device streams: unpaired or signed out, it closes and waits for `paired`
// (an EventSource answered 401 would otherwise be recreated every second). Browser APIs and time come in
// through `PushEnv`, so tests drive it directly.
import { STREAM_DEAD_AFTER_MS, type PushEventData } from '../protocol/api.ts';
import type { PageRequest } from '../protocol/messages.ts';

export const TICK_MS = 5_000;
/** Re-creation backoff stays short: recovery after an outage must take under 2 s. */
export const RECONNECT_MIN_MS = 250;
export const RECONNECT_MAX_MS = 1_000;

/** The parts of EventSource the stream uses. */
export interface StreamLike {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(
    type: 'orders' | 'reset' | 'heartbeat' | 'menu' | 'settings' | 'printers',
    listener: (event: MessageEvent<string>) => void,
  ): void;
  close(): void;
}

export interface PushEnv {
  openStream(url: string): StreamLike;
  /** Fire-and-forget request to the SW (failures are reported by the caller's implementation). */
  send(message: PageRequest): void;
  /** The cursor of the latest snapshot and how many outbox entries wait, as the tab knows them. */
  snapshotCursor(): number;
  waiting(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  random(): number;
  reportError(message: string): void;
  /** True while the device is paired (the SW's `auth`); the stream opens only then. */
  mayConnect(): boolean;
  /** `event: printers` data, for the printer alerts (src/printer-status-channel.ts). */
  relayPrinters?(data: string): void;
}

export class PushStream {
  private source: StreamLike | null = null;
  private connected = false;
  private lastCursor = 0;
  private watchdog: unknown;
  private reconnectTimer: unknown;
  private failures = 0;

  constructor(private readonly env: PushEnv) {
    // A previous leader may have died with its stream up: say where push stands until ours opens.
    env.send({ v: 1, type: 'push-status', connected: false });
    if (env.mayConnect()) this.open();
    env.setInterval(() => this.tick(), TICK_MS);
  }

  /**
   * The device's pairing changed (a `sync` broadcast): signed out or unpaired closes the stream and stops
   * reconnecting; paired again opens it at once.
   */
  authChanged(): void {
    if (!this.env.mayConnect()) {
      this.stop();
      return;
    }
    if (this.source === null && this.reconnectTimer === undefined) this.open();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Coming back online: don't wait for the backoff, try the stream now. */
  reconnectNow(): void {
    if (!this.connected && this.env.mayConnect()) this.reopen(0);
  }

  private open(): void {
    const since = Math.max(this.lastCursor, this.env.snapshotCursor());
    const source = this.env.openStream(`/api/events?since=${since}`);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.setConnected(true);
      this.armWatchdog();
    };
    source.addEventListener('heartbeat', () => this.armWatchdog());
    source.addEventListener('orders', (event) => {
      this.armWatchdog();
      this.forward(event.data);
    });
    // Our cursor means nothing to this server (0, too old, or another database): it replays nothing, and the SW
    // pulls the paged snapshot from the changes feed; `orders` events after this continue from the reset's cursor.
    source.addEventListener('reset', () => {
      this.armWatchdog();
      this.lastCursor = 0;
      this.env.send({ v: 1, type: 'sync-now', reason: 'stream-reset' });
    });
    // A new menu version: the SW fetches, caches and broadcasts it to every tab.
    source.addEventListener('menu', (event) => {
      this.armWatchdog();
      this.forwardMenu(event.data);
    });
    // The owner saved the shop's settings: the SW caches them and broadcasts them to every tab.
    source.addEventListener('settings', (event) => {
      this.armWatchdog();
      this.forwardSettings(event.data);
    });
    source.addEventListener('printers', (event) => {
      this.armWatchdog();
      this.env.relayPrinters?.(event.data);
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
      this.env.reportError(`The server sent an unreadable update: ${String(error)}`);
      return;
    }
    if (typeof payload.cursor !== 'number' || !Array.isArray(payload.orders)) {
      this.env.reportError('The server sent an update without cursor or orders.');
      return;
    }
    this.lastCursor = Math.max(this.lastCursor, payload.cursor);
    this.env.send({ v: 1, type: 'push', cursor: payload.cursor, orders: payload.orders });
  }

  private forwardMenu(data: string): void {
    let version: unknown;
    try {
      version = (JSON.parse(data) as { version?: unknown }).version;
    } catch (error) {
      this.env.reportError(`The server sent an unreadable menu update: ${String(error)}`);
      return;
    }
    if (typeof version !== 'number')
      return this.env.reportError('The server sent a menu update without a version.');
    this.env.send({ v: 1, type: 'menu-version', version });
  }

  private forwardSettings(data: string): void {
    let settings: unknown;
    try {
      settings = JSON.parse(data);
    } catch (error) {
      this.env.reportError(`The server sent unreadable settings: ${String(error)}`);
      return;
    }
    // Checked where they are kept: the SW stores and broadcasts valid settings only, and reports the rest.
    this.env.send({ v: 1, type: 'settings', settings });
  }

  private reopen(delayMs: number): void {
    this.source?.close();
    this.source = null;
    this.env.clearTimeout(this.watchdog);
    this.setConnected(false);
    this.env.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.env.setTimeout(() => {
      this.reconnectTimer = undefined;
      // Signed out meanwhile (the error was probably the 401): wait for `paired` instead.
      if (this.env.mayConnect()) this.open();
    }, delayMs);
  }

  private stop(): void {
    this.source?.close();
    this.source = null;
    this.env.clearTimeout(this.watchdog);
    this.env.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.failures = 0;
    this.setConnected(false);
  }

  private backoff(): number {
    this.failures++;
    const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (this.failures - 1));
    return Math.round(base * (0.8 + 0.4 * this.env.random()));
  }

  /** 25 s with no event at all (heartbeats come every 10 s) means the stream is dead though still "open". */
  private armWatchdog(): void {
    this.env.clearTimeout(this.watchdog);
    this.watchdog = this.env.setTimeout(() => this.reopen(0), STREAM_DEAD_AFTER_MS);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.env.send({ v: 1, type: 'push-status', connected });
  }

  private tick(): void {
    // Nothing to poll while signed out: the SW would only be asked to do what it refuses until `paired`.
    if (!this.env.mayConnect()) return;
    // Zero polling while push is up; the outbox tick wakes a worker the browser may have stopped.
    if (!this.connected) this.env.send({ v: 1, type: 'sync-now', reason: 'poll' });
    else if (this.env.waiting() > 0) this.env.send({ v: 1, type: 'sync-now', reason: 'outbox-tick' });
  }
}
