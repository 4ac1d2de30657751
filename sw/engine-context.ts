// What the sync engine is built from (injected, so Node tests run the same modules with fake-indexeddb and a
// fault-injecting fetch) and the transaction helper every write goes through.

import type { Broadcast, DrawerBroadcast, DrawerView } from '../protocol/messages.ts';
import type { MenuResponse } from '../protocol/menu.ts';
import { ALL_STORES, type AnyTx, type OrderlineDatabase, type SyncMeta, type WriteTx } from './db.ts';
import { commitBroadcasts } from './broadcast.ts';
import type { OrderChange } from './merge.ts';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EngineDeps {
  /** Opens the database; `onClosed` is called if the handle had to close (a newer SW version upgrades). */
  openDb(onClosed: () => void): Promise<OrderlineDatabase>;
  fetch: typeof fetch;
  /** Origin of the API, e.g. `self.location.origin`. */
  baseUrl: string;
  now(): number;
  random(): number;
  /** A new UUIDv7 (order ids and mutation ids). */
  newId(): string;
  /** Posts to every tab (BroadcastChannel): rev-ordered order/sync messages, and the drawer (last one wins). */
  broadcast(message: Broadcast | DrawerBroadcast): void;
  timers: Timers;
  /** Asks the browser to wake the worker when connectivity returns (Background Sync), where it exists. */
  registerBackgroundSync?(): Promise<void>;
  /** Background work (flush/pull kicked off by an event) reports failures here instead of losing them. */
  reportError(error: unknown): void;
  requestTimeoutMs?: number;
  /** Fetches, caches and broadcasts menu `version` when newer than the one stored; 0 retries a failed one (sw/menu-refresh.ts). */
  refreshMenu?(request: number | 'check'): Promise<void>;
  /**
   * The cached menu for the create-order estimate (sw/menu-memory.ts): the menu at once when in memory,
   * else a promise of the cached one. Absent = no estimate of tax or discount (Parts 1-2 totals).
   */
  pricingMenu?(): MenuResponse | null | Promise<MenuResponse | null>;
  /** Caches and broadcasts settings pushed by the server (sw/settings-keeper.ts). */
  keepSettings?(settings: unknown): Promise<void>;
}

export interface TxOutcome<T> {
  result: T;
  changes?: (OrderChange | null)[];
  sync?: Partial<SyncMeta>;
  /**
   * This device's drawer changed: the view itself (posted after the commit), or `changed` when the writer did
   * not compute it (a cash payment on the hot path); then `drawerChanged` reads and posts it afterwards.
   */
  drawer?: DrawerView | 'changed';
}

/** Thrown by a stopped engine's context: the work belonged to a worker that no longer exists. */
export class EngineStoppedError extends Error {
  constructor() {
    super('the sync engine was stopped');
  }
}

export interface EngineContext {
  deps: EngineDeps;
  db(): Promise<OrderlineDatabase>;
  /** One readwrite transaction over every store; broadcasts what it changed after it commits. */
  write<T>(fn: (tx: WriteTx) => Promise<TxOutcome<T>>): Promise<T>;
  /** A read-only transaction over every store. */
  read<T>(fn: (tx: AnyTx) => Promise<T>): Promise<T>;
  /** A readwrite transaction that broadcasts nothing (snapshots, counters). */
  writeQuiet<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  /** From now on every transaction fails with EngineStoppedError; the DB handle closes. */
  stop(): Promise<void>;
  /** Called after a commit whose outcome said `drawer: 'changed'` (the engine reads and broadcasts the view). */
  drawerChanged: () => void;
}

export function createEngineContext(deps: EngineDeps): EngineContext {
  let opening: Promise<OrderlineDatabase> | null = null;
  let stopped = false;
  const db = (): Promise<OrderlineDatabase> => {
    if (stopped) return Promise.reject(new EngineStoppedError());
    opening ??= deps.openDb(() => {
      opening = null;
    });
    // A failed open must not stick: the next use tries again (e.g. after the blocking tab went away).
    opening.catch(() => {
      opening = null;
    });
    return opening;
  };

  async function run<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = (await db()).transaction(ALL_STORES, 'readwrite');
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      // Roll back whatever the failed step wrote; the original error is what the caller needs.
      try {
        tx.abort();
      } catch {
        // abort() refuses a transaction that is already finished. The browser may have aborted it itself (a
        // failed request, a quota or I/O error): rolled back, so the original error stands. If it had
        // committed instead, the writes before the failure are stored and the caller must know.
      }
      const committed = await tx.done.then(
        () => true,
        () => false, // an abort (ours or the browser's) rejects tx.done; that is the rollback we want
      );
      if (committed) throw new AggregateError([error], 'transaction failed after it had committed');
      throw error;
    }
    await tx.done;
    return result;
  }

  const context: EngineContext = {
    deps,
    db,
    drawerChanged: () => undefined,
    async write(fn) {
      const { result, broadcasts, drawer } = await run(async (tx) => {
        const outcome = await fn(tx);
        const changes = (outcome.changes ?? []).filter((c): c is OrderChange => c !== null);
        const messages = await commitBroadcasts(tx, changes, outcome.sync ?? {}, deps.now());
        return { result: outcome.result, broadcasts: messages, drawer: outcome.drawer };
      });
      // Only after the commit: a tab must never be told about a change that could still roll back.
      for (const message of broadcasts) deps.broadcast(message);
      if (drawer === 'changed') context.drawerChanged();
      else if (drawer !== undefined) deps.broadcast({ v: 1, type: 'drawer', drawer });
      return result;
    },
    writeQuiet: run,
    async read(fn) {
      const tx = (await db()).transaction(ALL_STORES, 'readonly');
      const result = await fn(tx);
      await tx.done;
      return result;
    },
    async stop() {
      stopped = true;
      const handle = opening;
      opening = null;
      // Transactions already running finish on their own (IDB closes the handle after them).
      if (handle) (await handle).close();
    },
  };
  return context;
}
