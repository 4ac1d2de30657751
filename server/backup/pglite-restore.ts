// Restores a PGlite backup into the data directory, with the server stopped. Nothing in the data directory is
// touched until the backup has been extracted beside it, checked file by file and opened by PGlite; then the
// directories are swapped by rename, the old one kept beside it, and backups/ carried over.

import { access, mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from '../store/pglite-extensions.ts';
import { BackupFileError, DATA_FOLDER, extractArchive } from './backup-archive.ts';
import { BACKUPS_FOLDER } from './backup-files.ts';
import { runningServer } from './server-file.ts';

export class ServerRunningError extends Error {
  /** `holder`: who has the data open, e.g. "the Orderline server (process 123) has ./data open". */
  constructor(holder: string) {
    super(`${holder}: stop the server first, then restore. Nothing was changed.`);
    this.name = 'ServerRunningError';
  }
}

export interface RestoreResult {
  /** Where the data directory as it was before the restore is kept (null when there was none). */
  previous: string | null;
  migrations: string[];
  createdAt: string;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Opens the extracted copy the way the server will (PGlite recovers it as after a crash) and reads it. */
async function checkOpens(file: string, dataDir: string, migrations: readonly string[]): Promise<void> {
  let db: PGlite | null = null;
  try {
    db = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
    const rows = (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows;
    const found = rows.map((row) => row.name).join(',');
    if (found !== migrations.join(','))
      throw new Error(`it holds migrations ${found}, its manifest says ${migrations.join(',')}`);
  } catch (error) {
    throw new BackupFileError(file, `its database does not open (${(error as Error).message})`);
  } finally {
    await db?.close();
  }
}

export async function restorePglite(
  dataDirInput: string,
  fileInput: string,
  now = new Date(),
): Promise<RestoreResult> {
  const dataDir = resolve(dataDirInput);
  const file = resolve(fileInput);
  const server = await runningServer(dataDir);
  if (server)
    throw new ServerRunningError(`the Orderline server (process ${server.pid}) has ${dataDir} open`);
  // Beside the data directory, so both renames stay on one file system (atomic).
  const work = await mkdtemp(join(dirname(dataDir), `.${basename(dataDir)}.restoring-`));
  try {
    const manifest = await extractArchive(file, work);
    await checkOpens(file, join(work, DATA_FOLDER), manifest.migrations);

    const stamp = now.toISOString().replace(/[-:.]/g, '');
    const previous = (await exists(dataDir)) ? `${dataDir}.before-restore-${stamp}` : null;
    if (previous) await rename(dataDir, previous);
    try {
      await rename(join(work, DATA_FOLDER), dataDir);
    } catch (error) {
      if (previous) await rename(previous, dataDir);
      throw error;
    }
    // The backups belong to the shop, not to the state restored: keep every one of them.
    if (previous && (await exists(join(previous, BACKUPS_FOLDER)))) {
      await rename(join(previous, BACKUPS_FOLDER), join(dataDir, BACKUPS_FOLDER));
    }
    return { previous, migrations: manifest.migrations, createdAt: manifest.createdAt };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
