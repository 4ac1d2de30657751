// PGlite behind SqlDatabase: one embedded connection, so writes queue up and are group-committed
// (the transactions queued while the previous commit ran share one BEGIN/COMMIT).

import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from './pglite-extensions.ts';
import type { SqlClient, SqlDatabase } from './sql-database.ts';

interface QueuedWork {
  work: (tx: SqlClient) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Upper bound on transactions sharing one commit: keeps a batch's latency bounded under load. */
const MAX_GROUP = 64;

/** fs.cp refuses a destination inside its source (backups/ is inside the data directory): a plain walk. */
async function copyTree(root: string, from: string, to: string, keep: (path: string) => boolean) {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (!keep(relative(root, source))) continue;
    if (entry.isDirectory()) await copyTree(root, source, join(to, entry.name), keep);
    else if (entry.isFile()) await copyFile(source, join(to, entry.name));
  }
}

/**
 * `initialDump`: a `memory://` database starts as this dump (PGlite's `dumpDataDir`) instead of an empty
 * cluster. The unit tests open dozens of databases; from one migrated dump each takes ~2 s instead of ~5–7 s.
 */
export async function openPgliteDatabase(
  dataDir: string,
  options: { initialDump?: Blob } = {},
): Promise<SqlDatabase> {
  if (options.initialDump !== undefined && !dataDir.startsWith('memory://'))
    throw new Error('only a memory:// database starts from a dump');
  // relaxedDurability stays false: every query waits for PGlite's file-system sync, and the
  // NODEFS backend writes straight to files, so a COMMIT that returned survives a process kill.
  const db = await PGlite.create(dataDir, {
    relaxedDurability: false,
    extensions: PGLITE_EXTENSIONS,
    ...(options.initialDump === undefined ? {} : { loadDataDir: options.initialDump }),
  });
  const queue: QueuedWork[] = [];
  let draining: Promise<void> | null = null;
  let closed = false;

  const asClient = (q: Pick<PGlite, 'query' | 'exec'>): SqlClient => ({
    async query<Row extends object>(sql: string, params?: readonly unknown[]) {
      const result = await q.query<Row>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });

  async function runAlone(item: QueuedWork): Promise<void> {
    try {
      item.resolve(await db.transaction((tx) => item.work(asClient(tx))));
    } catch (error) {
      item.reject(error);
    }
  }

  /**
   * Optimistic group commit: the whole group runs in one transaction and is acknowledged only after
   * its COMMIT. Work functions only touch the database, so if any of them fails the group is rolled
   * back and each one re-runs alone: the failure stays with its owner, the others still commit.
   */
  async function runGroup(group: QueuedWork[]): Promise<void> {
    if (group.length === 1) return runAlone(group[0] as QueuedWork);
    let values: unknown[];
    try {
      values = await db.transaction(async (tx) => {
        const client = asClient(tx);
        const results: unknown[] = [];
        for (const item of group) results.push(await item.work(client));
        return results;
      });
    } catch {
      // Not swallowed: every item re-runs alone below and reports its own outcome.
      for (const item of group) await runAlone(item);
      return;
    }
    group.forEach((item, i) => item.resolve(values[i]));
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      await runGroup(queue.splice(0, MAX_GROUP));
    }
    draining = null;
  }

  const client = asClient(db);
  return {
    kind: 'pglite',
    query: client.query,
    exec: client.exec,
    transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('database is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        draining ??= drain();
      });
    },
    async copyFilesTo(to, keep) {
      if (dataDir.startsWith('memory://')) throw new Error('an in-memory database has no files to copy');
      // The transaction lock is the one every query, exec and transaction of PGlite takes, so no statement
      // runs, and none is half-way through a transaction, while the files are copied.
      await db._runExclusiveTransaction(() => copyTree(dataDir, dataDir, to, keep));
    },
    async close() {
      closed = true;
      // Finish every queued write before closing, so nothing acknowledged is lost at shutdown.
      while (draining) await draining;
      await db.close();
    },
  };
}
