// `npm run backup`: writes one backup file under <data>/backups/ and prints its path. A running server on a
// PGlite directory is asked to take it (only the process holding the directory can copy it consistently);
// with no server running, this script opens the directory itself. PostgreSQL: pg_dump, or the command to run.

import { join } from 'node:path';
import type { BackupInfo } from '../protocol/backup.ts';
import { backupsDir, pruneBackups } from '../server/backup/backup-files.ts';
import { backupPglite } from '../server/backup/pglite-backup.ts';
import { backupPostgres, PostgresToolMissing } from '../server/backup/postgres-backup.ts';
import { BACKUP_TOKEN_HEADER, runningServer } from '../server/backup/server-file.ts';
import { openPgliteDatabase } from '../server/store/pglite-database.ts';

const dataDir = process.env.ORDERLINE_DATA_DIR || './data';
const databaseUrl = process.env.DATABASE_URL || undefined;

async function askServer(url: string, token: string): Promise<BackupInfo> {
  const response = await fetch(`${url}/api/backups`, {
    method: 'POST',
    headers: { [BACKUP_TOKEN_HEADER]: token },
  });
  const body = (await response.json()) as BackupInfo & { error?: { message: string } };
  if (!response.ok)
    throw new Error(
      `the running server could not take the backup: ${body.error?.message ?? response.status}`,
    );
  return body;
}

async function takeBackup(): Promise<BackupInfo> {
  if (databaseUrl) return backupPostgres({ databaseUrl, dataDir, reason: 'manual' });
  const server = await runningServer(dataDir);
  if (server) {
    console.log(`The server (process ${server.pid}) is running: asking it for the backup.`);
    return askServer(server.url, server.token);
  }
  const db = await openPgliteDatabase(dataDir);
  try {
    return await backupPglite(db, { dataDir, reason: 'manual' });
  } finally {
    await db.close();
  }
}

try {
  const info = await takeBackup();
  await pruneBackups(backupsDir(dataDir));
  const megabytes = (info.sizeBytes / 1024 / 1024).toFixed(1);
  console.log(`Backup written: ${join(backupsDir(dataDir), info.name)} (${megabytes} MB)`);
} catch (error) {
  console.error(`orderline: backup failed: ${(error as Error).message}`);
  process.exit(error instanceof PostgresToolMissing ? 2 : 1);
}
