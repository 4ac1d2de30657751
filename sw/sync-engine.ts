// The sync engine: page requests, flush, pull and push wired together from injected dependencies. The SW
// entry (sw.ts) builds one with the real globals; Node tests build one with fake-indexeddb and a fake fetch.

import type { PageRequest, Reply, ReplyValues, SyncReason } from '../protocol/messages.ts';
import { ORDER_STATUSES, type OrderStatus } from '../protocol/order.ts';
import { unreachable } from '../protocol/unreachable.ts';
import { createBatcher } from './batcher.ts';
import { createEngineContext, EngineStoppedError, type EngineDeps } from './engine-context.ts';
import {
  createOrder,
  discardDeadLetter,
  IntentError,
  invalid,
  markPaid,
  retryDeadLetter,
  setStatus,
} from './intents.ts';
import { closeDrawer, moveDrawer, openDrawer, readDrawer, refreshDrawer } from './drawer-intents.ts';
import { setDiscount } from './discount-intent.ts';
import { flushOutbox } from './outbox-flush.ts';
import { pay, refund } from './payment-intents.ts';
import { clearBackoff, countWaiting } from './outbox-store.ts';
import { readSyncMeta } from './broadcast.ts';
import { refreshIdentity } from './device.ts';
import { applyPush, pullChanges } from './pull.ts';
import { readRecentFinished } from './recent-finished.ts';
import { createSerialTask } from './serial-task.ts';
import {
  activeOrdersFromCache,
  countNetworkRead,
  countSnapshotHit,
  readDiagnostics,
  readSnapshot,
} from './snapshot.ts';
import { createStorageErrorReporter } from './storage-error.ts';
import { createActiveMirror } from './active-mirror.ts';
import { activeListKeeperFor } from './active-list-keeper.ts';

export interface SyncEngine {
  handle<R extends PageRequest>(request: R): Promise<Reply<ReplyValues[R['type']]>>;
  /** SW start: catch up with the server and resume the outbox (the previous worker may have died mid-flush). */
  start(): Promise<void>;
  syncNow(reason: SyncReason): Promise<void>;
  /** The browser says the network is back (`online`) or Background Sync fired. */
  serverMaybeBack(): Promise<void>;
  activeOrdersFromCache: () => ReturnType<typeof activeOrdersFromCache>;
  countNetworkRead(): Promise<void>;
  /** Resolves once every flush/pull this engine started has finished. */
  settled(): Promise<void>;
  /** Stops like a killed worker: timers cleared, nothing more written, the DB handle closed. */
  stop(): Promise<void>;
}

const STATUSES: ReadonlySet<string> = new Set<OrderStatus>(ORDER_STATUSES);

export function createSyncEngine(deps: EngineDeps): SyncEngine {
  const mirror = createActiveMirror();
  // Every broadcast also reaches the in-memory active orders and the keeper of the `active-list` record.
  const ctx = createEngineContext({
    ...deps,
    broadcast: (message) => {
      if (message.type !== 'drawer') {
        mirror.saw(message);
        activeList.saw(message);
      }
      deps.broadcast(message);
    },
  });
  const activeList = activeListKeeperFor(ctx, mirror);
  // A write that changed the drawer without computing it (a cash payment, an answer): read it once afterwards
  // and tell every tab. Serial, so a burst of answers costs one read and one broadcast per pass.
  const drawerBroadcast = createSerialTask(async () => {
    const drawer = await readDrawer(ctx);
    ctx.deps.broadcast({ v: 1, type: 'drawer', drawer });
  });
  ctx.drawerChanged = () => track(drawerBroadcast.run());
  /** GET /api/drawer in the background; the view goes to every tab if it changed. */
  const drawerRefresh = createSerialTask(async () => {
    await refreshDrawer(ctx);
  });
  const background = new Set<Promise<unknown>>();
  // Pushes that arrive while one is being applied go together in one transaction (a drain echoes every
  // created order back as a push). Safe: the cursor still advances only if the merged batch connects to it.
  const applyPushes = createBatcher(async (pushes: { cursor: number; orders: unknown[] }[]) => {
    const cursor = Math.max(...pushes.map((p) => p.cursor));
    const result = await applyPush(
      ctx,
      cursor,
      pushes.flatMap((p) => p.orders),
    );
    return pushes.map(() => result);
  });
  let wakeTimer: unknown = null;

  /** Work already tracked: a running flush pass hands the same promise to every intent that arrives during it. */
  const trackedWork = new WeakSet<Promise<unknown>>();

  function track(work: Promise<unknown>): void {
    // Once is enough (and a long drain would otherwise add an entry per intent until the pass ends).
    if (trackedWork.has(work)) return;
    trackedWork.add(work);
    const tracked = work.then(
      () => undefined,
      (error: unknown) => {
        // A stopped engine stands for a killed worker: its unfinished work is simply gone (IDB is intact).
        if (!(error instanceof EngineStoppedError)) deps.reportError(error);
      },
    );
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  }

  function scheduleWake(at: number): void {
    if (wakeTimer !== null) deps.timers.clearTimeout(wakeTimer);
    wakeTimer = deps.timers.setTimeout(
      () => {
        wakeTimer = null;
        track(flush.run());
      },
      Math.max(0, at - deps.now()),
    );
  }

  /** Only a paired device talks to the API; a signed-out one waits for `paired` (principle 13). */
  async function isPaired(): Promise<boolean> {
    return (await ctx.read(readSyncMeta)).auth === 'paired';
  }

  const pull = createSerialTask(async () => {
    if (!(await isPaired())) return;
    const result = await pullChanges(ctx);
    // A successful pull cleared any backoff: let the outbox go right away.
    if (result === 'ok') track(flush.run());
  });

  const flush = createSerialTask(async () => {
    const result = await flushOutbox(ctx);
    if (result.wakeAt !== null) {
      scheduleWake(result.wakeAt);
      // Let the browser wake a worker for us when connectivity returns, even with no tab open.
      if (deps.registerBackgroundSync) track(deps.registerBackgroundSync());
    }
    // Our own writes (and whatever else changed meanwhile) come back through the changes feed.
    if (result.answered > 0) track(pull.run());
  });

  /** The server answered something: stop waiting out backoff and send now. */
  async function serverSeen(): Promise<void> {
    await ctx.write(async (tx) => {
      await clearBackoff(tx);
      return { result: null, sync: { backoffUntil: 0 } };
    });
    track(flush.run());
  }

  async function dispatch(request: PageRequest): Promise<ReplyValues[PageRequest['type']]> {
    switch (request.type) {
      case 'hello': {
        const snapshot = await readSnapshot(ctx, mirror);
        track(countSnapshotHit(ctx));
        return snapshot;
      }
      case 'create-order': {
        if (typeof request.draft !== 'object' || request.draft === null) invalid('draft is missing');
        const order = await createOrder(ctx, request.draft);
        track(flush.run());
        return order;
      }
      case 'set-status': {
        if (typeof request.id !== 'string' || !STATUSES.has(request.status))
          invalid('id or status is invalid');
        const order = await setStatus(ctx, request.id, request.status);
        track(flush.run());
        return order;
      }
      case 'mark-paid': {
        if (typeof request.id !== 'string') invalid('id is invalid');
        const order = await markPaid(ctx, request.id);
        track(flush.run());
        return order;
      }
      case 'set-discount': {
        if (
          typeof request.id !== 'string' ||
          !(request.discount === null || typeof request.discount === 'string')
        )
          invalid('id or discount is invalid');
        const order = await setDiscount(ctx, request.id, request.discount);
        track(flush.run());
        return order;
      }
      case 'retry':
        await retryDeadLetter(ctx, String(request.mutationId));
        track(flush.run());
        return null;
      case 'discard':
        // Later changes of the same order were blocked behind the discarded one; they may go now.
        await discardDeadLetter(ctx, String(request.mutationId));
        track(flush.run());
        return null;
      case 'push': {
        if (typeof request.cursor !== 'number' || !Array.isArray(request.orders))
          invalid('push is malformed');
        const { gap } = await applyPushes({ cursor: request.cursor, orders: request.orders });
        track(flush.run());
        if (gap) track(pull.run());
        return null;
      }
      case 'push-status': {
        const connected = request.connected === true;
        await ctx.write(async () => ({ result: null, sync: { pushConnected: connected } }));
        if (connected) await serverSeen();
        // The stream dropped: probe and catch up now rather than at the leader's next 5 s poll, so the tabs
        // learn within moments whether the server is still reachable.
        else track(pull.run());
        return null;
      }
      case 'sync-now':
        track(engine.syncNow(request.reason));
        // A menu fetch that failed (offline when its event came) is retried whenever the page asks to sync.
        // Back online, an edit may have been published while no stream was up: ask (one GET per reconnect).
        if (ctx.deps.refreshMenu) track(ctx.deps.refreshMenu(request.reason === 'online' ? 'check' : 0));
        return null;
      case 'menu-version':
        if (typeof request.version === 'number' && ctx.deps.refreshMenu) {
          track(ctx.deps.refreshMenu(request.version));
        }
        return null;
      case 'settings':
        if (ctx.deps.keepSettings) track(ctx.deps.keepSettings(request.settings));
        return null;
      case 'diagnostics':
        return readDiagnostics(ctx);
      case 'recent-finished':
        return ctx.read((tx) => readRecentFinished(tx, ctx.deps.now()));
      case 'paired': {
        // The page paired (its POST /api/pair set the cookie): learn who we are, then send what was kept.
        const check = await refreshIdentity(ctx);
        if (check === null)
          throw new IntentError('unreachable', 'the server could not be reached; try again');
        if (check.auth === 'rejected')
          throw new IntentError('not_paired', 'the server does not accept this device; pair it again');
        await serverSeen();
        track(pull.run());
        return check.device;
      }
      case 'pay': {
        if (typeof request.orderId !== 'string') invalid('orderId is invalid');
        const order = await pay(ctx, request.orderId, request.payment);
        track(flush.run());
        return order;
      }
      case 'refund': {
        if (typeof request.orderId !== 'string') invalid('orderId is invalid');
        const { paymentId, amountCents, reason } = request;
        const order = await refund(ctx, request.orderId, { paymentId, amountCents, reason });
        track(flush.run());
        return order;
      }
      case 'drawer': {
        // The device's view at once; the server's drawer follows as a `drawer` broadcast when it differs.
        const view = await readDrawer(ctx);
        track(drawerRefresh.run());
        return view;
      }
      case 'drawer-open': {
        const view = await openDrawer(ctx, request.floatCents);
        track(flush.run());
        return view;
      }
      case 'drawer-move': {
        const view = await moveDrawer(ctx, request.kind, request.amountCents, request.reason);
        track(flush.run());
        return view;
      }
      case 'drawer-close': {
        const view = await closeDrawer(ctx, request.countedCents);
        track(flush.run());
        return view;
      }
      default:
        return unreachable(request);
    }
  }

  const storageErrors = createStorageErrorReporter(ctx, deps.reportError);

  const engine: SyncEngine = {
    async handle<R extends PageRequest>(request: R): Promise<Reply<ReplyValues[R['type']]>> {
      try {
        // dispatch answers each request type with its ReplyValues entry (checked per case above).
        const value = (await dispatch(request)) as ReplyValues[R['type']];
        await storageErrors.retract();
        return { ok: true, value };
      } catch (error) {
        if (error instanceof IntentError)
          return { ok: false, error: { code: error.code, message: error.message } };
        deps.reportError(error);
        const message = await storageErrors.report(error);
        return { ok: false, error: { code: 'storage', message } };
      }
    },
    async start() {
      // Who we are first: a credential revoked while the worker slept must not cost every entry a 401 (and an
      // offline start leaves the stored state as it was, so a paired device keeps flushing when it can).
      await refreshIdentity(ctx);
      track(pull.run());
      track(flush.run());
      // A worker stopped before it rewrote the record left it stale: the next page start would read slowly.
      activeList.check();
      await engine.settled();
    },
    async syncNow(_reason) {
      // The pull doubles as the probe: if the server answers, it clears the backoff and kicks the flush.
      await pull.run();
      const waiting = await ctx.read((tx) => countWaiting(tx));
      if (waiting > 0) await flush.run();
    },
    async serverMaybeBack() {
      await serverSeen();
      await engine.syncNow('online');
    },
    activeOrdersFromCache: () => activeOrdersFromCache(ctx),
    countNetworkRead: () => countNetworkRead(ctx),
    async settled() {
      while (background.size > 0) await Promise.all([...background]);
    },
    async stop() {
      if (wakeTimer !== null) deps.timers.clearTimeout(wakeTimer);
      wakeTimer = null;
      await ctx.stop();
    },
  };
  return engine;
}
