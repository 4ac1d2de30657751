// OrderStore over SqlDatabase: the same SQL on PGlite and PostgreSQL. Each write takes seq = seq + 1
// from the counter row inside its own transaction, and deduplicates there too (DESIGN.md 3, 4, 7).

import { performance } from 'node:perf_hooks';
import { CHANGES_DEFAULT_LIMIT, MAX_PAGE_BYTES } from '../../protocol/api.ts';
import { ACTIVE_STATUSES, type Order } from '../../protocol/order.ts';
import { encodeActiveToken } from './active-page-token.ts';
import type {
  BatchWrite,
  BatchWriteResult,
  ChangeResult,
  ChangesPage,
  CommittedBatch,
  CreateResult,
  NewOrder,
  OrderChange,
  OrderStore,
} from './order-store.ts';
import { orderColumns, rowToOrder, type OrderRow } from './order-rows.ts';
import { changeOrderIn, createOrderIn, createOrdersIn, selectOrder } from './order-writes.ts';
import { boundPage } from './page-bound.ts';
import { runWrite } from './run-write.ts';
import type { SqlClient, SqlDatabase } from './sql-database.ts';
import { followNotifications, NOTIFY_CHANNEL } from './follow-notifications.ts';

const ACTIVE_SQL = ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ');
/** Finished orders: what leaves the feed after the retention window (they stay in the table). */
const FINISHED_SQL = `'completed', 'cancelled'`;
/** A unique violation: on PostgreSQL, a concurrent transaction wrote the same key first. */
const UNIQUE_VIOLATION = '23505';
const CONFLICT_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}

/** Retries a transaction that lost a race on a unique key; the retry then sees the winner's row. */
async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
    }
  }
}

async function currentSeq(db: SqlClient): Promise<number> {
  const rows = await db.query<{ seq: number | string }>('SELECT seq FROM seq_counter WHERE id = 1');
  return Number(rows[0]?.seq ?? 0);
}

const DAY_MS = 86_400_000;
export const DEFAULT_FEED_RETENTION_DAYS = 7;
/** Retention is counted in days: re-reading the floor on every pull would only cost queries. */
const FLOOR_CHECK_MS = 60_000;

/** Orders a batch wrote (created or changed), in seq order: what is published after its commit. */
function committedOrders(results: readonly BatchWriteResult[]): Order[] {
  const orders: Order[] = [];
  for (const { result } of results) {
    if (result.kind === 'created' || result.kind === 'applied' || result.kind === 'recorded')
      orders.push(result.order);
  }
  return orders.sort((a, b) => a.seq - b.seq);
}

export interface SqlOrderStoreOptions {
  /** ORDERLINE_FEED_RETENTION_DAYS: how long finished orders stay in the changes feed (default 7). */
  feedRetentionDays?: number;
  /** Upper bound of one page's JSON (DESIGN.md Limits: 1 MiB); tests lower it. */
  maxPageBytes?: number;
  /** The clock for receivedAt/updatedAt (injected so tests control it). */
  now?: () => Date;
  /** Reports failures of the background notification follower (PostgreSQL). */
  onBackgroundError?: (error: unknown) => void;
}

export async function createSqlOrderStore(
  db: SqlDatabase,
  options: SqlOrderStoreOptions = {},
): Promise<OrderStore> {
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(batch: CommittedBatch) => void>();
  const publish = (orders: Order[]) => {
    if (orders.length === 0) return;
    const batch: CommittedBatch = { orders, committedAt: performance.now() };
    for (const listener of listeners) listener(batch);
  };
  // PostgreSQL may have other instances writing: follow NOTIFY and read the changes feed, so every
  // instance (this one included) publishes from the same source. PGlite publishes after each commit.
  const viaNotify = db.listen !== undefined;

  const retentionMs = (options.feedRetentionDays ?? DEFAULT_FEED_RETENTION_DAYS) * DAY_MS;
  const maxPageBytes = options.maxPageBytes ?? MAX_PAGE_BYTES;
  let floorCheckedAt = -Infinity;

  /** The raw feed after `since` (no reset rules): the HTTP feed and the PostgreSQL follower read it. */
  async function readFeed(since: number, limit: number): Promise<ChangesPage> {
    const rows = await db.query<OrderRow>(
      `SELECT ${orderColumns()} FROM orders WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [since, limit + 1],
    );
    const page = boundPage(rows.map(rowToOrder), limit, maxPageBytes);
    const cursor = page.orders.at(-1)?.seq ?? since;
    return { orders: page.orders, cursor, more: page.cut, reset: false };
  }

  /**
   * One page of the active snapshot as of `head`: active orders with seq in (after, head], by seq. An order
   * that changes between pages moves above `head` and reaches the client through the feed after the reset.
   */
  async function snapshotPage(head: number, after: number, limit: number): Promise<ChangesPage> {
    const rows = await db.query<OrderRow>(
      `SELECT ${orderColumns()} FROM orders WHERE status IN (${ACTIVE_SQL}) AND seq > $1 AND seq <= $2
       ORDER BY seq LIMIT $3`,
      [after, head, limit + 1],
    );
    const page = boundPage(rows.map(rowToOrder), limit, maxPageBytes);
    const last = page.orders.at(-1);
    if (!page.cut || !last) return { orders: page.orders, cursor: head, more: false, reset: true };
    return { orders: page.orders, cursor: head, more: true, reset: true, snapshotAfter: last.seq };
  }

  /**
   * The lowest cursor the feed still serves. Raised (at most once a minute) to the highest seq of a finished
   * order whose last change left the retention window; the scan starts at the old floor, so it stays short.
   */
  async function feedFloor(): Promise<number> {
    const at = now();
    if (at.getTime() - floorCheckedAt >= FLOOR_CHECK_MS) {
      floorCheckedAt = at.getTime();
      const cutoff = new Date(at.getTime() - retentionMs).toISOString();
      await db.query(
        `UPDATE feed_state SET floor = greatest(floor, coalesce((
           SELECT max(seq) FROM orders
           WHERE status IN (${FINISHED_SQL}) AND seq > feed_state.floor AND updated_at < $1), 0))
         WHERE id = 1`,
        [cutoff],
      );
    }
    const rows = await db.query<{ floor: number | string }>('SELECT floor FROM feed_state WHERE id = 1');
    return Number(rows[0]?.floor ?? 0);
  }

  /** One batch mutation; on PostgreSQL inside a savepoint, so a lost unique-key race retries only itself. */
  async function batchWrite(tx: SqlClient, write: BatchWrite): Promise<BatchWriteResult> {
    const run = () => runWrite(tx, write, now().toISOString());
    // PGlite has one connection and runs one transaction at a time: no race can fail a statement, so the
    // savepoint round trips are skipped there. Anything that throws fails the whole batch (a 5xx).
    if (!viaNotify) return run();
    return retryOnConflict(async () => {
      await tx.query('SAVEPOINT batch_write');
      try {
        const result = await run();
        await tx.query('RELEASE SAVEPOINT batch_write');
        return result;
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT batch_write');
        throw error;
      }
    });
  }

  const store: OrderStore = {
    kind: db.kind,
    database: db,

    async create(order: NewOrder): Promise<CreateResult> {
      const result = await retryOnConflict(() =>
        db.transaction(async (tx) => {
          const created = await createOrderIn(tx, order, now().toISOString());
          if (created.kind === 'created' && viaNotify) await notify(tx, created.order.seq);
          return created;
        }),
      );
      if (result.kind === 'created' && !viaNotify) publish([result.order]);
      return result;
    },

    async change(change: OrderChange): Promise<ChangeResult> {
      const result = await retryOnConflict(() =>
        db.transaction(async (tx) => {
          const changed = await changeOrderIn(tx, change, now().toISOString());
          if (changed.kind === 'applied' && viaNotify) await notify(tx, changed.order.seq);
          return changed;
        }),
      );
      if (result.kind === 'applied' && !viaNotify) publish([result.order]);
      return result;
    },

    async batch(writes) {
      const results = await db.transaction(async (tx) => {
        const answers: BatchWriteResult[] = [];
        for (const run of batchRuns(writes, !viaNotify)) {
          if (run.op === 'creates') {
            const created = await createOrdersIn(tx, run.orders, now().toISOString());
            for (const result of created) answers.push({ op: 'create', result });
          } else answers.push(await batchWrite(tx, run.write));
        }
        const written = committedOrders(answers);
        if (viaNotify && written.length > 0) await notify(tx, (written.at(-1) as Order).seq);
        return answers;
      });
      if (!viaNotify) publish(committedOrders(results));
      return results;
    },

    get: (id) => selectOrder(db, id, false),

    async active(page = { limit: CHANGES_DEFAULT_LIMIT }) {
      // The cursor is read BEFORE the list: anything committed in between is in the list and also
      // after the cursor, so a client pulling from the cursor can only see it twice, never miss it.
      const cursor = await currentSeq(db);
      const after = page.after;
      const rows = await db.query<OrderRow>(
        `SELECT ${orderColumns()} FROM orders WHERE status IN (${ACTIVE_SQL})
         ${after ? 'AND (created_at, id) < ($2::text, $3::text)' : ''}
         ORDER BY created_at DESC, id DESC LIMIT $1`,
        after ? [page.limit + 1, after.createdAt, after.id] : [page.limit + 1],
      );
      const bounded = boundPage(rows.map(rowToOrder), page.limit, maxPageBytes);
      const last = bounded.orders.at(-1);
      if (!bounded.cut || !last) return { orders: bounded.orders, cursor, more: false };
      return { orders: bounded.orders, cursor, more: true, nextCursor: encodeActiveToken(last) };
    },

    async changes(since, limit, snapshotAfter) {
      const head = await currentSeq(db);
      if (snapshotAfter !== undefined && since <= head) return snapshotPage(since, snapshotAfter, limit);
      if (since === 0 || since > head || since < (await feedFloor())) {
        // A new device, a cursor from another database, or one older than the feed keeps: the client
        // gets the active snapshot as of `head` (in pages), then follows the feed from `head`.
        return snapshotPage(head, 0, limit);
      }
      return readFeed(since, limit);
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close: () => db.close(),
  };

  if (db.listen) {
    await followNotifications(
      db,
      () => currentSeq(db),
      readFeed,
      publish,
      (error) =>
        (options.onBackgroundError ?? ((e) => console.error('orderline: change follower failed', e)))(error),
    );
  }
  return store;
}

type BatchRun = { op: 'creates'; orders: NewOrder[] } | { op: 'one'; write: BatchWrite };

/**
 * A batch's writes in order, with runs of creates for distinct ids grouped (one statement each, see
 * createOrdersIn) when `group`; everything else, and every write when not grouping, goes one by one.
 */
function batchRuns(writes: readonly BatchWrite[], group: boolean): BatchRun[] {
  const runs: BatchRun[] = [];
  let creates: NewOrder[] = [];
  const ids = new Set<string>();
  const close = () => {
    if (creates.length === 1)
      runs.push({ op: 'one', write: { op: 'create', order: creates[0] as NewOrder } });
    else if (creates.length > 1) runs.push({ op: 'creates', orders: creates });
    creates = [];
    ids.clear();
  };
  for (const write of writes) {
    if (!group || write.op !== 'create') {
      close();
      runs.push({ op: 'one', write });
      continue;
    }
    // The same id twice: the second must see the first as taken (a replay), so it starts a new run.
    if (ids.has(write.order.id)) close();
    creates.push(write.order);
    ids.add(write.order.id);
  }
  close();
  return runs;
}

/** NOTIFY inside the transaction is delivered only on COMMIT, so listeners never see uncommitted seqs. */
async function notify(tx: SqlClient, seq: number): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, String(seq)]);
}
