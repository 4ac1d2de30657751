// The server's backups: takes one (PGlite copy or pg_dump), one at a time, keeps the newest 14, remembers the
// last failure for the owner's Devices screen, and finds the newest file for the download.

import { join } from 'node:path';
import type { BackupInfo, BackupReason, BackupStatus } from '../../protocol/backup.ts';
import type { SqlDatabase } from '../store/sql-database.ts';
import { backupsDir, listBackups, pruneBackups } from './backup-files.ts';
import { backupPglite } from './pglite-backup.ts';
import { backupPostgres } from './postgres-backup.ts';

export interface BackupService {
  readonly enabled: boolean;
  take(reason: BackupReason): Promise<BackupInfo>;
  status(): Promise<BackupStatus>;
  /** The newest backup and its path, or null. */
  latest(): Promise<{ info: BackupInfo; path: string } | null>;
}

export interface BackupServiceOptions {
  database: SqlDatabase;
  /** Where backups/ is (the PGlite data directory; for PostgreSQL the server's ./data). */
  dataDir: string;
  /** Set for PostgreSQL: backups are pg_dump files. */
  databaseUrl?: string;
  now?: () => Date;
}

/** An in-memory database (tests) has nothing to back up: the routes say so instead of failing. */
export const NO_BACKUPS: BackupService = {
  enabled: false,
  take: () => Promise.reject(new Error('this server keeps its data in memory: there is nothing to back up')),
  status: async () => ({ backups: [], lastFailure: null, enabled: false }),
  latest: async () => null,
};

export function createBackupService(options: BackupServiceOptions): BackupService {
  const now = options.now ?? (() => new Date());
  const dir = backupsDir(options.dataDir);
  let lastFailure: BackupStatus['lastFailure'] = null;
  // One backup at a time: two copies at once would only double the I/O and could race on pruning.
  let queue: Promise<unknown> = Promise.resolve();

  async function takeNow(reason: BackupReason): Promise<BackupInfo> {
    try {
      const info = options.databaseUrl
        ? await backupPostgres({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, reason, now })
        : await backupPglite(options.database, { dataDir: options.dataDir, reason, now });
      await pruneBackups(dir);
      lastFailure = null;
      return info;
    } catch (error) {
      lastFailure = { at: now().toISOString(), message: (error as Error).message };
      throw error;
    }
  }

  return {
    enabled: true,
    take(reason) {
      const result = queue.then(() => takeNow(reason));
      queue = result.catch(() => undefined);
      return result;
    },
    async status() {
      return { backups: await listBackups(dir), lastFailure, enabled: true };
    },
    async latest() {
      const [info] = await listBackups(dir);
      return info ? { info, path: join(dir, info.name) } : null;
    },
  };
}
