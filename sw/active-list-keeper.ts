// Keeps the `active-list` record: every active order, newest first, as one JSON string labelled with the rev it
// is exact at. A starting page reads it with one get instead of deserialising 10,000 records (docs/decisions.md).
// Written from the in-memory mirror a moment after the list changed (at most once per `delayMs`), in a
// transaction of its own so intents never wait behind its megabytes. A worker stopped before it wrote leaves
// a record older than `ordersRev`: the page then reads the order records, slower but exact.

import type { Broadcast } from '../protocol/messages.ts';
import type { ClientOrder } from '../protocol/order.ts';
import type { ActiveMirror } from './active-mirror.ts';
import { ACTIVE_LIST_KEY, type ActiveListRecord } from './db.ts';
import { EngineStoppedError, type EngineContext } from './engine-context.ts';
import { readSnapshot } from './snapshot.ts';

/** After a change of the list, how long until the record is rewritten (at most one write per this). */
export const ACTIVE_LIST_DELAY_MS = 500;
const CHECK_DELAY_MS = 2_000;

export interface ActiveListKeeper {
  /** Every broadcast the engine sends, after the mirror saw it. */
  saw(message: Broadcast): void;
  /** Writes the record now if it is missing or older than the last change of the orders (a worker's start). */
  check(): void;
}

export interface ActiveListDeps {
  mirror: ActiveMirror;
  /** Fills the mirror from IDB (a full read); used only when the mirror is empty or lost a broadcast. */
  fillMirror(): Promise<void>;
  /** The stored record's rev and the rev of the last change of the orders (undefined when absent). */
  revs(): Promise<{ recordRev: number | undefined; ordersRev: number | undefined }>;
  store(record: ActiveListRecord): Promise<void>;
  setTimeout(callback: () => void, ms: number): unknown;
  reportError(error: unknown): void;
  delayMs: number;
}

export function createActiveListKeeper(deps: ActiveListDeps): ActiveListKeeper {
  let scheduled = false;
  let running = false;
  let again = false;
  /** One JSON text per order object: the mirror keeps an unchanged order's object, so only changes cost. */
  const texts = new WeakMap<ClientOrder, string>();
  const toJson = (orders: readonly ClientOrder[]): string => {
    const parts = orders.map((order) => {
      let text = texts.get(order);
      if (text === undefined) {
        text = JSON.stringify(order);
        texts.set(order, text);
      }
      return text;
    });
    return `[${parts.join(',')}]`;
  };

  async function write(): Promise<void> {
    let rev = deps.mirror.rev();
    if (rev === null) {
      await deps.fillMirror();
      rev = deps.mirror.rev();
    }
    const orders = rev === null ? null : deps.mirror.ordersAt(rev);
    // A change came in meanwhile: its broadcast scheduled the next write.
    if (rev === null || orders === null) return;
    await deps.store({ rev, json: toJson(orders) });
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await write();
    } catch (error) {
      deps.reportError(error);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    deps.setTimeout(() => {
      scheduled = false;
      void run();
    }, deps.delayMs);
  }

  return {
    saw(message) {
      if (message.type === 'orders') schedule();
    },
    check() {
      // Later, not while the page that woke the worker is starting: the check reads the record's megabytes.
      deps.setTimeout(() => {
        deps.revs().then(({ recordRev, ordersRev }) => {
          if (recordRev === undefined || ordersRev === undefined || recordRev < ordersRev) schedule();
        }, deps.reportError);
      }, CHECK_DELAY_MS);
    },
  };
}

/** The keeper of an engine: its IDB reads and writes, its timers. */
export function activeListKeeperFor(ctx: EngineContext, mirror: ActiveMirror): ActiveListKeeper {
  return createActiveListKeeper({
    mirror,
    fillMirror: async () => {
      await readSnapshot(ctx, mirror);
    },
    async revs() {
      const tx = (await ctx.db()).transaction(['meta', 'active-list'], 'readonly');
      const [record, ordersRev] = await Promise.all([
        tx.objectStore('active-list').get(ACTIVE_LIST_KEY),
        tx.objectStore('meta').get('ordersRev') as Promise<number | undefined>,
      ]);
      await tx.done;
      return { recordRev: record?.rev, ordersRev };
    },
    async store(record) {
      const tx = (await ctx.db()).transaction('active-list', 'readwrite');
      await tx.store.put(record, ACTIVE_LIST_KEY);
      await tx.done;
    },
    setTimeout: (callback, ms) => ctx.deps.timers.setTimeout(callback, ms),
    // A stopped engine (an old version handing over) writes nothing more; the new one keeps the record.
    reportError: (error) => {
      if (!(error instanceof EngineStoppedError)) ctx.deps.reportError(error);
    },
    delayMs: ACTIVE_LIST_DELAY_MS,
  });
}
