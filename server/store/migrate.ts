// Applies server/store/migrations/*.sql in file-name order, each once and each in its own transaction,
// recorded in schema_migrations. Forward only. A migration that fails is rolled back, so the database stays
// as the last good migration left it, and the start stops with a MigrationError naming the file.
// An advisory lock (taken in every migration's transaction) keeps several PostgreSQL instances from racing.

import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SqlDatabase } from './sql-database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_LOCK_ID = 7_361_001;

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(
      `migration ${migration} failed and was rolled back, so the data is as it was before it: ` +
        `${(cause as Error).message ?? String(cause)}. Restore the previous release, or fix and retry.`,
      { cause },
    );
    this.name = 'MigrationError';
  }
}

const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at text NOT NULL)';

async function migrationFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
}

async function appliedNames(db: Pick<SqlDatabase, 'query'>): Promise<Set<string>> {
  const table = await db.query<{ present: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS present",
  );
  if (table[0]?.present == null) return new Set();
  return new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
}

/**
 * What migrate() would apply, and whether the database already holds data (some migration applied): a
 * brand-new database has nothing to back up before its first migration.
 */
export async function pendingMigrations(
  db: SqlDatabase,
  dir: string = MIGRATIONS_DIR,
): Promise<{ pending: string[]; hasData: boolean }> {
  const done = await appliedNames(db);
  return { pending: (await migrationFiles(dir)).filter((name) => !done.has(name)), hasData: done.size > 0 };
}

export async function migrate(db: SqlDatabase, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  for (const name of await migrationFiles(dir)) {
    const sql = await readFile(`${dir}${name}`, 'utf8');
    let ran: boolean;
    try {
      ran = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
        await tx.exec(CREATE_TABLE);
        // Re-read under the lock: another instance may have applied it while this one waited.
        if ((await appliedNames(tx)).has(name)) return false;
        await tx.exec(sql);
        await tx.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [
          name,
          new Date().toISOString(),
        ]);
        return true;
      });
    } catch (error) {
      throw new MigrationError(name, error);
    }
    if (ran) applied.push(name);
  }
  return applied;
}
