// The page's only door to the service worker: registers it (workbox-window), sends intents over a
// MessageChannel, and keeps the OrdersStore in step with the BroadcastChannel. Never writes IDB nor calls the
// API; only its first snapshot is read from IDB directly (src/local-snapshot.ts).

// workbox-window (its modern ESM build) is bundled with the page, not a chunk of its own: every start registers
// the worker, so a lazy chunk saved nothing and cost a second file's gzip overhead and import glue.
import { Workbox } from 'workbox-window/Workbox.js';
import {
  BROADCAST_CHANNEL,
  isBroadcast,
  isDrawerBroadcast,
  type Broadcast,
  type DrawerView,
  type PageRequest,
  type PageRequestType,
  type Reply,
  type ReplyValues,
  type SkipWaitingMessage,
  type Snapshot,
} from '../protocol/messages.ts';
import { unreachable } from '../protocol/unreachable.ts';
import type { OrdersStore } from './orders-store.ts';
import { firstSnapshotApplied } from './components/after-paint.tsx';
import { t } from './i18n.ts';
import { readLocalSnapshot } from './local-snapshot.ts';
import { decideRev } from './rev-gate.ts';
import type { UiState } from './ui-state.ts';

export type RequestOf<K extends PageRequestType> = Extract<PageRequest, { type: K }>;

/** A request the SW refused or never answered; `code` is the SW's, or `timeout` / `no-worker`. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

const REQUEST_TIMEOUT_MS = 10_000;
const SNAPSHOT_RETRY_MS = 3_000;

export class SwBridge {
  private lastRev = -1;
  private snapshotting = false;
  private snapshotAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Broadcasts that arrived while a snapshot was on its way, replayed on top of it. */
  private buffered: { message: Broadcast; at: number }[] = [];
  private wb: Workbox | null = null;
  /** The push state last broadcast; null until the first one. */
  private pushConnected: boolean | null = null;
  private registration: Promise<ServiceWorkerRegistration> | null = null;
  private registrationFailed = false;
  private firstAttemptDone: () => void = () => undefined;
  /** Settles once the first snapshot was applied, or the first attempt failed (never rejects). */
  readonly firstSnapshot = new Promise<void>((resolve) => (this.firstAttemptDone = resolve));
  /** Who hears this device's drawer (src/drawer-store.ts): every broadcast and every drawer reply. */
  private drawerListeners = new Set<(view: DrawerView) => void>();

  constructor(
    /** The tab's orders: the payment intents (src/payments-bridge.ts) apply their replies to it. */
    readonly store: OrdersStore,
    private readonly ui: UiState,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async start(): Promise<void> {
    // The first snapshot is read from IndexedDB by the page itself, while the worker boots (a browser stops
    // idle workers; booting one and posting 10,000 orders across took most of a cold start).
    const local = readLocalSnapshot().catch(() => null);
    const channel = new BroadcastChannel(BROADCAST_CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => this.onBroadcast(event.data);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.resnapshot();
    });
    navigator.serviceWorker.addEventListener('controllerchange', () => void this.resnapshot());
    // Ask for the snapshot at once, in parallel with registering: a returning visitor's page is already
    // controlled, and registration (workbox-window's default) waits for the load event.
    const registered = this.register().catch((error: unknown) => {
      this.registrationFailed = true;
      this.ui.set({ problem: t('app.workerFailed', { error: errorMessage(error) }) });
      throw error;
    });
    await Promise.all([registered, this.resnapshot(local)]);
  }

  private async register(): Promise<void> {
    const wb = new Workbox('/sw.js');
    this.wb = wb;
    // A new worker is installed and waiting: let the user pick the moment to switch.
    wb.addEventListener('waiting', () => this.ui.set({ updateAvailable: true }));
    this.registration = wb.register().then((registration) => {
      if (registration === undefined) throw new Error('the browser refused to register it');
      return registration;
    });
    await this.registration;
  }

  /** Hears every drawer view (broadcasts from any tab's intents, the worker's answers: src/payments-bridge.ts). */
  onDrawer(listener: (view: DrawerView) => void): () => void {
    this.drawerListeners.add(listener);
    return () => this.drawerListeners.delete(listener);
  }

  /** Tells every drawer listener of `view` (a drawer reply or broadcast). */
  tellDrawer(view: DrawerView): void {
    for (const listener of this.drawerListeners) listener(view);
  }

  /** Fetches sw.js and installs it if it changed; a waiting version then shows the update prompt. */
  checkForUpdate(): void {
    // A failed check (the server went again) is retried at the next reconnect.
    this.wb?.update().catch(() => undefined);
  }

  /** Activates the waiting worker and reloads once it controls the page. */
  applyUpdate(): void {
    // The prompt only appears after registration's `waiting` event, so `wb` is set by then.
    if (this.wb === null) return;
    this.wb.addEventListener('controlling', () => window.location.reload());
    this.wb.messageSkipWaiting();
    // The active version must let go too: while it holds an event open (a pull waiting on a slow server) the
    // browser keeps it, and Reload would do nothing (sw/keep-alive.ts handOver).
    const skipWaiting: SkipWaitingMessage = { type: 'SKIP_WAITING' };
    navigator.serviceWorker.controller?.postMessage(skipWaiting);
  }

  request<K extends PageRequestType>(message: RequestOf<K>): Promise<ReplyValues[K]> {
    // Post synchronously when a worker controls the page: the intent leaves before any re-render the
    // caller triggers next (the same-tab budget is one frame from click to row).
    const controller = navigator.serviceWorker.controller;
    if (controller) return this.post(controller, message);
    return this.worker().then((worker) => this.post(worker, message));
  }

  private post<K extends PageRequestType>(
    worker: ServiceWorker,
    message: RequestOf<K>,
  ): Promise<ReplyValues[K]> {
    const { port1, port2 } = new MessageChannel();
    return new Promise<ReplyValues[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        port1.close();
        reject(new BridgeError('timeout', t('app.workerTimeout')));
      }, REQUEST_TIMEOUT_MS);
      port1.onmessage = (event: MessageEvent<Reply<ReplyValues[K]>>) => {
        clearTimeout(timer);
        port1.close();
        const reply = event.data;
        if (reply.ok) resolve(reply.value);
        else reject(new BridgeError(reply.error.code, reply.error.message));
      };
      worker.postMessage(message, [port2]);
    });
  }

  /**
   * Re-reads the whole state from the SW: on start, after a rev gap, on visibility and controller change.
   * `local` is the page's own read of the same snapshot (start only); the SW answers when it has none.
   */
  async resnapshot(local: Promise<Snapshot | null> | null = null): Promise<void> {
    if (this.snapshotting) {
      this.snapshotAgain = true;
      return;
    }
    this.snapshotting = true;
    try {
      const at = this.now();
      performance.mark('orderline:snapshot-requested');
      const snapshot = (await local) ?? (await this.request({ v: 1, type: 'hello' }));
      performance.mark('orderline:snapshot-received', { detail: { orders: snapshot.orders.length } });
      this.store.applySnapshot(snapshot, at);
      firstSnapshotApplied();
      this.lastRev = snapshot.rev;
      this.ui.set({ problem: null });
    } catch (error) {
      // A worker that never registered is the problem to show; the snapshot failed only because of it.
      if (!this.registrationFailed)
        this.ui.set({ problem: t('app.ordersUnreadable', { error: errorMessage(error) }) });
      // The worker may be starting, upgrading or briefly stuck: try again rather than stay blank.
      if (this.retryTimer === undefined) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.resnapshot();
        }, SNAPSHOT_RETRY_MS);
      }
    } finally {
      this.snapshotting = false;
      this.firstAttemptDone();
    }
    const buffered = this.buffered;
    this.buffered = [];
    for (const { message, at } of buffered) this.handle(message, at);
    if (this.snapshotAgain) {
      this.snapshotAgain = false;
      await this.resnapshot();
    }
  }

  private async worker(): Promise<ServiceWorker> {
    // Not controlled (a first visit, or a reload that bypassed the worker): the active worker answers just the
    // same. On a first visit nothing is active yet and the installing worker answers: it is the only version,
    // so it runs the engine already (sw/sw.ts), and the page need not wait for the whole precache.
    const registration = await (this.registration ?? navigator.serviceWorker.ready);
    const worker = registration.active ?? registration.installing ?? registration.waiting;
    if (worker) return worker;
    throw new BridgeError('no-worker', t('app.workerInactive'));
  }

  private onBroadcast(data: unknown): void {
    // Not rev-ordered: the last drawer view wins.
    if (isDrawerBroadcast(data)) {
      this.tellDrawer(data.drawer);
      return;
    }
    // Unknown or future messages are ignored, never thrown on (principle 8).
    if (!isBroadcast(data)) return;
    const at = this.now();
    if (this.snapshotting) this.buffered.push({ message: data, at });
    else this.handle(data, at);
  }

  private handle(message: Broadcast, at: number): void {
    const decision = decideRev(message.type, message.rev, this.lastRev);
    switch (decision) {
      case 'stale':
        return;
      case 'gap':
        void this.resnapshot();
        return;
      case 'apply':
        break;
      default:
        unreachable(decision);
    }
    this.lastRev = Math.max(this.lastRev, message.rev);
    switch (message.type) {
      case 'orders':
        this.store.applyDelta(message, at);
        return;
      case 'sync': {
        const { v: _v, type: _type, rev: _rev, ...sync } = message;
        // The push stream is back after a drop: the server may have restarted, which is how a new version is
        // deployed. A till never navigates, so the browser's own update check (on navigation) would not run.
        if (sync.pushConnected && this.pushConnected === false) this.checkForUpdate();
        this.pushConnected = sync.pushConnected;
        this.store.applySync(sync);
        return;
      }
      default:
        unreachable(message);
    }
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
