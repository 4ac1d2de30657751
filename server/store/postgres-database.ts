// PostgreSQL (node-postgres pool) behind SqlDatabase, used when DATABASE_URL is set. Concurrent
// transactions really run in parallel here; the seq counter's row lock orders their commits.

import pg from 'pg';
import type { SqlClient, SqlDatabase } from './sql-database.ts';

const LISTEN_RETRY_MS = 1000;

function asClient(q: pg.Pool | pg.PoolClient): SqlClient {
  return {
    async query<Row extends object>(sql: string, params?: readonly unknown[]) {
      const result = await q.query<Row & pg.QueryResultRow>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  };
}

export async function openPostgresDatabase(
  connectionString: string,
  onListenError: (error: Error) => void,
): Promise<SqlDatabase> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Idle clients can fail when the server restarts; the pool replaces them, we only report it.
  pool.on('error', onListenError);
  await pool.query('SELECT 1');
  const listeners: pg.Client[] = [];
  let closed = false;

  async function connectListener(channel: string, onPayload: (payload: string) => void): Promise<void> {
    const listener = new pg.Client({ connectionString });
    listeners.push(listener);
    listener.on('notification', (message) => onPayload(message.payload ?? ''));
    listener.on('error', (error) => {
      onListenError(error);
      listeners.splice(listeners.indexOf(listener), 1);
      listener.end().catch(onListenError);
      if (closed) return;
      // Reconnect, then nudge the subscriber so it catches up on anything sent while we were away.
      setTimeout(() => {
        connectListener(channel, onPayload).then(() => onPayload(''), onListenError);
      }, LISTEN_RETRY_MS).unref();
    });
    await listener.connect();
    await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  }

  const poolClient = asClient(pool);
  return {
    kind: 'postgres',
    query: poolClient.query,
    exec: poolClient.exec,
    async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      // A connection whose ROLLBACK failed is in an unknown state: release(error) destroys it.
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const value = await work(asClient(connection));
        await connection.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
          throw new AggregateError([error, rollbackError], 'transaction failed and ROLLBACK failed');
        }
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    listen: connectListener,
    async close() {
      closed = true;
      await Promise.all(listeners.map((listener) => listener.end()));
      await pool.end();
    },
  };
}
