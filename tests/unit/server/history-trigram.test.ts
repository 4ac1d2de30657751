// History search through migration 012's trigram indexes, on PGlite and on PostgreSQL: the migration applies to a
// database that already holds orders, the planner can use the indexes, and the indexed form of the search finds
// exactly what the order-by-order walk finds, in the same order and pages.

import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFinishedOrders } from '../../../bench/scenarios/history.ts';
import type { HistoryCursor } from '../../../protocol/history.ts';
import { decodeHistoryCursor } from '../../../server/history-cursor.ts';
import {
  FINISHED,
  containsCondition,
  containsForm,
  createHistoryStore,
  likeContains,
  type ContainsForm,
} from '../../../server/store/history-store.ts';
import { MIGRATIONS_DIR, migrate } from '../../../server/store/migrate.ts';
import { openPgliteDatabase } from '../../../server/store/pglite-database.ts';
import { openPostgresDatabase } from '../../../server/store/postgres-database.ts';
import type { SqlClient, SqlDatabase } from '../../../server/store/sql-database.ts';
import { postgresAvailable, startPostgres, type PostgresCluster } from './postgres-cluster.ts';

const ORDERS = 3000;
const TRIGRAM_INDEXES = [
  'orders_finished_number_trgm_idx',
  'orders_finished_customer_trgm_idx',
  'orders_finished_items_trgm_idx',
];
/** Searches with a trigram (indexed form) and without (walk); 'latte xyzzy' and 'foam flat' span two fields. */
const QUERIES = [
  'A-001',
  'z-025',
  '-025',
  'a001',
  '001-',
  '001',
  'a-00',
  'ada',
  'LOVELACE',
  'flat',
  'xyzzy',
  'FOAM',
  'oat lat',
  'latte xyzzy',
  'white oat',
  'foam flat',
  '100%',
  '% z',
  'zed_',
  'zed%',
  'back\\slash',
  'zzz',
  'e x',
];

const unavailable = await postgresAvailable();
const kinds = unavailable === null ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
if (unavailable) console.warn(`history trigram tests: PostgreSQL part skipped: ${unavailable}`);

/** Finished orders from the bench's seed, a few with distinctive lines, and one active order that must not show. */
async function fillOrders(db: SqlDatabase): Promise<void> {
  await seedFinishedOrders(db, ORDERS);
  const line = (name: string, note?: string) =>
    JSON.stringify({
      menuItemId: 'x',
      name,
      qty: 1,
      unitPriceCents: 100,
      ...(note === undefined ? {} : { note }),
    });
  await db.exec(`
    UPDATE orders SET items = '[${line('Oat Latte', 'Xyzzy FOAM')}, ${line('Flat white', '')}]' WHERE seq = 200;
    UPDATE orders SET items = '[${line('Oat Latte')}]', customer_name = '100% Zed_Back\\slash' WHERE seq = 2000;
    UPDATE orders SET items = '[]' WHERE seq = 4000;
    UPDATE orders SET status = 'pending', customer_name = 'Xyzzy Active' WHERE seq = 5000;
    ANALYZE orders;`);
}

/** Migrations up to 011, then orders, then every migration: 012 meets a database that already holds orders. */
async function upgradedDatabase(
  open: () => Promise<SqlDatabase>,
): Promise<{ db: SqlDatabase; applied: string[] }> {
  const before = await mkdtemp(join(tmpdir(), 'orderline-migrations-011-'));
  try {
    for (const name of await readdir(MIGRATIONS_DIR)) {
      if (name.endsWith('.sql') && name < '012')
        await copyFile(join(MIGRATIONS_DIR, name), join(before, name));
    }
    const db = await open();
    await migrate(db, `${before}/`);
    await fillOrders(db);
    return { db, applied: await migrate(db) };
  } finally {
    await rm(before, { recursive: true, force: true });
  }
}

/** The ids `q` finds in `form`, newest first, straight from SQL. */
async function idsFound(client: SqlClient, q: string, form: ContainsForm): Promise<string[]> {
  const rows = await client.query<{ id: string }>(
    `SELECT id FROM orders WHERE ${FINISHED} AND ${containsCondition(form, '$1')}
     ORDER BY created_at DESC, id DESC`,
    [likeContains(q)],
  );
  return rows.map((row) => row.id);
}

/** Every page of the history store's search for `q`, 100 at a time. */
async function pagedIds(client: SqlClient, q: string): Promise<string[]> {
  const history = createHistoryStore(client);
  const ids: string[] = [];
  let after: HistoryCursor | null = null;
  do {
    const page = await history.search({ q, limit: 100 }, after);
    ids.push(...page.orders.map((order) => order.id));
    after = page.nextCursor ? decodeHistoryCursor(page.nextCursor) : null;
  } while (after);
  return ids;
}

/** Runs `work` where the planner may not walk an index or scan the table: only bitmap scans are left. */
function withBitmapScansOnly<T>(db: SqlDatabase, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.exec('SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off');
    return work(tx);
  });
}

describe.each(kinds)('history search through trigram indexes (%s)', (kind) => {
  let cluster: PostgresCluster | undefined;
  let db: SqlDatabase;
  let applied: string[];

  beforeAll(async () => {
    if (kind === 'postgres') cluster = await startPostgres();
    const url = cluster?.url;
    ({ db, applied } = await upgradedDatabase(() =>
      url
        ? openPostgresDatabase(url, (error) => {
            throw error;
          })
        : openPgliteDatabase('memory://'),
    ));
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('applies migration 012 to a database that already holds orders', () => {
    expect(applied).toContain('012-history-search.sql');
  });

  it('lets the planner OR the three trigram indexes for a search with a trigram, and not for a shorter one', async () => {
    expect(containsForm('xyzzy')).toBe('indexed');
    expect(containsForm('B-1')).toBe('walk');
    const plans: string[] = [];
    await withBitmapScansOnly(db, async (tx) => {
      const explaining: SqlClient = {
        exec: (sql) => tx.exec(sql),
        async query<Row extends object>(sql: string, params?: readonly unknown[]) {
          if (sql.includes('FROM orders WHERE')) {
            const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
            plans.push(plan.map((row) => row['QUERY PLAN']).join('\n'));
          }
          return tx.query<Row>(sql, params);
        },
      };
      const history = createHistoryStore(explaining);
      await history.search({ q: 'xyzzy', limit: 25 }, null);
      await history.search({ q: 'B-1', limit: 25 }, null);
    });
    const [indexed, walk] = plans;
    for (const index of TRIGRAM_INDEXES) expect(indexed).toContain(index);
    expect(indexed).toContain('BitmapOr');
    for (const index of TRIGRAM_INDEXES) expect(walk).not.toContain(index);
  });

  it('finds a number, a customer name, an item name and an item note by any part of them', async () => {
    const [note] = await db.query<{ id: string }>('SELECT id FROM orders WHERE seq = 200');
    const [name] = await db.query<{ id: string }>('SELECT id FROM orders WHERE seq = 2000');
    const [number] = await db.query<{ id: string; number: string }>(
      "SELECT id, number FROM orders WHERE number = 'K-010' ORDER BY created_at DESC LIMIT 1",
    );
    await withBitmapScansOnly(db, async (tx) => {
      expect(await pagedIds(tx, 'xyzzy')).toEqual([note?.id]);
      expect(await pagedIds(tx, 'zed_back')).toEqual([name?.id]);
      expect(await pagedIds(tx, 'oat lat')).toEqual([name?.id, note?.id]);
      expect(await pagedIds(tx, 'k-010')).toContain(number?.id);
    });
  });

  it('finds exactly what the walk finds, in the same order and pages, whichever plan runs', async () => {
    const differences: string[] = [];
    for (const q of QUERIES) {
      const walked = await idsFound(db, q, 'walk');
      const indexed = await idsFound(db, q, 'indexed');
      const forced = await withBitmapScansOnly(db, (tx) => idsFound(tx, q, 'indexed'));
      const paged = await pagedIds(db, q);
      const pagedForced = await withBitmapScansOnly(db, (tx) => pagedIds(tx, q));
      for (const [what, ids] of Object.entries({ indexed, forced, paged, pagedForced })) {
        if (JSON.stringify(ids) !== JSON.stringify(walked)) {
          differences.push(`${q} ${what}: ${ids.length} orders, the walk ${walked.length}`);
        }
      }
    }
    expect(differences).toEqual([]);
    // The searches are not all empty or all full: the comparison means something.
    expect(await idsFound(db, 'latte xyzzy', 'walk')).toEqual([]);
    expect(await idsFound(db, 'foam flat', 'walk')).toEqual([]);
    expect((await idsFound(db, 'ada', 'walk')).length).toBeGreaterThan(100);
  });
});
