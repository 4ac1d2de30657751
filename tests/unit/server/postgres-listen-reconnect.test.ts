// The PostgreSQL LISTEN connection is killed from the server side (pg_terminate_backend, as a failover or an
// admin would): the store reconnects, nudges its subscriber, and later notifications still arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../../server/store/postgres-database.ts';
import type { SqlDatabase } from '../../../server/store/sql-database.ts';
import { postgresAvailable, startPostgres, type PostgresCluster } from './postgres-cluster.ts';

const unavailable = await postgresAvailable();
if (unavailable !== null) console.warn(`PostgreSQL LISTEN reconnect test skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('PostgreSQL LISTEN reconnect', () => {
  let cluster: PostgresCluster;
  let db: SqlDatabase;
  const listenErrors: Error[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    db = await openPostgresDatabase(cluster.url, (error) => listenErrors.push(error));
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('a listening connection terminated by the server is replaced, and NOTIFYs after it still arrive', async () => {
    const payloads: string[] = [];
    await db.listen!('orderline_test', (payload) => payloads.push(payload));
    await db.exec(`NOTIFY orderline_test, 'before'`);
    await expect.poll(() => payloads).toContain('before');

    const killed = await db.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
        WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`,
    );
    expect(killed.map((row) => row.killed)).toEqual([true]);
    await expect.poll(() => listenErrors.length, { timeout: 10_000 }).toBeGreaterThan(0);

    // The reconnect ends with an empty nudge (catch up on anything missed); then live NOTIFYs flow again.
    await expect.poll(() => payloads.includes(''), { timeout: 10_000 }).toBe(true);
    await db.exec(`NOTIFY orderline_test, 'after'`);
    await expect.poll(() => payloads, { timeout: 10_000 }).toContain('after');
  }, 30_000);
});
