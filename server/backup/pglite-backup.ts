// Takes a PGlite backup from the database that has the data directory open (the server, or the backup script
// when no server runs): copies the files under PGlite's lock (fast), then archives them outside it (slow),
// so orders keep flowing while the file is compressed.

import { chmod, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, BackupReason } from '../../protocol/backup.ts';
import type { SqlDatabase } from '../store/sql-database.ts';
import { DATA_FOLDER, writeArchive } from './backup-archive.ts';
import { BACKUPS_FOLDER, backupFileName } from './backup-files.ts';
import { SERVER_FILE } from './server-file.ts';

/** Never copied: the backups themselves, and who has the directory open now (meaningless in a restore). */
export function belongsInBackup(relativePath: string): boolean {
  const top = relativePath.split(/[\\/]/)[0];
  return top !== BACKUPS_FOLDER && top !== SERVER_FILE && top !== 'postmaster.pid';
}

export async function appliedMigrations(db: SqlDatabase): Promise<string[]> {
  const exists = await db.query<{ present: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS present",
  );
  if (exists[0]?.present == null) return [];
  const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((row) => row.name);
}

export interface PgliteBackupOptions {
  dataDir: string;
  reason: BackupReason;
  now?: () => Date;
}

export async function backupPglite(db: SqlDatabase, options: PgliteBackupOptions): Promise<BackupInfo> {
  if (!db.copyFilesTo) throw new Error('this database cannot copy its files (not PGlite)');
  const at = (options.now ?? (() => new Date()))();
  const dir = join(options.dataDir, BACKUPS_FOLDER);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Staging and the temporary file live inside backups/ (skipped by the copy), on the data's file system, so
  // the final rename is atomic.
  const staging = await mkdtemp(join(dir, '.staging-'));
  const name = backupFileName(at, options.reason, 'tar.gz');
  const partial = join(dir, `.${name}.partial`);
  try {
    const migrations = await appliedMigrations(db);
    await db.copyFilesTo(join(staging, DATA_FOLDER), belongsInBackup);
    await writeArchive(staging, partial, { createdAt: at.toISOString(), migrations });
    // The file holds everything, device credentials' hashes and the local CA's key too: the owner's only.
    await chmod(partial, 0o600);
    await rename(partial, join(dir, name));
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
  const size = (await stat(join(dir, name))).size;
  return { name, createdAt: at.toISOString(), reason: options.reason, sizeBytes: size };
}
