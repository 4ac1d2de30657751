// The backup taken before a pending migration runs (DESIGN principle 26): an upgrade that goes wrong can be
// undone with `npm run restore`. A brand-new database has nothing to lose and is not backed up.

import type { SqlDatabase } from '../store/sql-database.ts';
import { pendingMigrations } from '../store/migrate.ts';
import { pruneBackups, backupsDir } from './backup-files.ts';
import { backupPglite } from './pglite-backup.ts';
import { backupPostgres, PostgresToolMissing } from './postgres-backup.ts';

export interface MigrationBackupOptions {
  dataDir: string;
  databaseUrl?: string;
  log?: (message: string) => void;
}

export async function backupBeforeMigrations(
  db: SqlDatabase,
  options: MigrationBackupOptions,
): Promise<void> {
  const log = options.log ?? ((message: string) => console.log(`orderline: ${message}`));
  const { pending, hasData } = await pendingMigrations(db);
  if (pending.length === 0 || !hasData) return;
  try {
    const info = options.databaseUrl
      ? await backupPostgres({
          databaseUrl: options.databaseUrl,
          dataDir: options.dataDir,
          reason: 'migration',
        })
      : await backupPglite(db, { dataDir: options.dataDir, reason: 'migration' });
    await pruneBackups(backupsDir(options.dataDir));
    log(`backed up to ${backupsDir(options.dataDir)}/${info.name} before migrating (${pending.join(', ')})`);
  } catch (error) {
    // PostgreSQL without pg_dump here: the operator's own database backups stand in; say so, do not block.
    if (error instanceof PostgresToolMissing) {
      log(`WARNING: no backup before migrating (${pending.join(', ')}): ${error.message}`);
      return;
    }
    // PGlite: never migrate a shop's only copy without a backup; the error says why the start stopped.
    throw new Error(
      `could not back up before migrating (${pending.join(', ')}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
