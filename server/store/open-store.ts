// Opens the configured database (PostgreSQL when a URL is given, else PGlite in a directory or
// `memory://`), runs the migrations and returns the OrderStore on top.

import type { OrderStore } from './order-store.ts';
import { backupBeforeMigrations } from '../backup/migration-backup.ts';
import { migrate } from './migrate.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { preparePrivateDataDir, tightenDataDir } from './private-data-dir.ts';
import { createSqlOrderStore, type SqlOrderStoreOptions } from './sql-order-store.ts';
import type { SqlDatabase } from './sql-database.ts';

export interface OpenStoreOptions extends SqlOrderStoreOptions {
  /** PGlite data directory, or `memory://` for a throwaway database. */
  dataDir?: string;
  /** `memory://` only: start from this PGlite dump (the tests' migrated template) instead of empty. */
  initialDump?: Blob;
  /** When set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  /**
   * PostgreSQL: where backups/ goes for the pg_dump taken before pending migrations (the server's data
   * directory). PGlite always backs up into its own data directory.
   */
  backupDataDir?: string;
}

export async function openStore(options: OpenStoreOptions): Promise<OrderStore> {
  const reportError = options.onBackgroundError ?? ((error) => console.error('orderline: database', error));
  let db: SqlDatabase;
  // A PGlite directory on disk holds customer names and credential hashes: private to this user.
  let privateDir: string | null = null;
  let backupDataDir = options.backupDataDir;
  if (options.databaseUrl) {
    db = await openPostgresDatabase(options.databaseUrl, reportError);
  } else {
    const dataDir = options.dataDir ?? './data';
    if (!dataDir.startsWith('memory://')) {
      privateDir = dataDir;
      await preparePrivateDataDir(dataDir);
    }
    db = await openPgliteDatabase(dataDir, { initialDump: options.initialDump });
    if (!dataDir.startsWith('memory://')) backupDataDir = dataDir;
  }
  try {
    if (backupDataDir !== undefined) {
      await backupBeforeMigrations(db, { dataDir: backupDataDir, databaseUrl: options.databaseUrl });
    }
    await migrate(db);
    if (privateDir !== null) await tightenDataDir(privateDir);
    return await createSqlOrderStore(db, options);
  } catch (error) {
    await db.close();
    throw error;
  }
}
