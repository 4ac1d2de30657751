// PGlite behind SqlDatabase: one embedded connection, so writes queue up and are group-committed
// (several queued transactions share one BEGIN/COMMIT, each isolated by a SAVEPOINT).

import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlDatabase } from './sql-database.ts';

interface QueuedWork {
  work: (tx: SqlClient) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Upper bound on transactions sharing one commit: keeps a batch's latency bounded under load. */
const MAX_GROUP = 64;

export async function openPgliteDatabase(dataDir: string): Promise<SqlDatabase> {
  // relaxedDurability stays false: every query waits for PGlite's file-system sync, and the
  // NODEFS backend writes straight to files, so a COMMIT that returned survives a process kill.
  const db = await PGlite.create(dataDir, { relaxedDurability: false });
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

  async function runGroup(group: QueuedWork[]): Promise<void> {
    const settled: (() => void)[] = [];
    try {
      await db.transaction(async (tx) => {
        const client = asClient(tx);
        if (group.length === 1) {
          const [only] = group as [QueuedWork];
          const value = await only.work(client);
          settled.push(() => only.resolve(value));
          return;
        }
        for (const item of group) {
          // A failing transaction must not take its batch-mates down with it.
          await tx.exec('SAVEPOINT group_item');
          try {
            const value = await item.work(client);
            await tx.exec('RELEASE SAVEPOINT group_item');
            settled.push(() => item.resolve(value));
          } catch (error) {
            await tx.exec('ROLLBACK TO SAVEPOINT group_item');
            settled.push(() => item.reject(error));
          }
        }
      });
    } catch (error) {
      // COMMIT (or a single transaction) failed: nobody in the group may be acknowledged.
      for (const item of group) item.reject(error);
      return;
    }
    for (const settle of settled) settle();
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
    async close() {
      closed = true;
      // Finish every queued write before closing, so nothing acknowledged is lost at shutdown.
      while (draining) await draining;
      await db.close();
    },
  };
}
