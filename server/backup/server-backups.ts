// Backups of a running server, wired in one place for start-server.ts: the service the routes use, the
// server.json that lets a local `npm run backup` reach this process, and the daily schedule.

import type { FastifyBaseLogger } from 'fastify';
import type { SqlDatabase } from '../store/sql-database.ts';
import { createBackupService, NO_BACKUPS, type BackupService } from './backup-service.ts';
import { DEFAULT_BACKUP_HOUR, scheduleDailyBackup } from './backup-schedule.ts';
import { newBackupToken, removeServerFile, writeServerFile } from './server-file.ts';

export interface ServerBackups {
  /** For buildApp's `backups` option. */
  forApp: { service: BackupService; localToken?: string };
  /** After listening: writes server.json (PGlite) and arms the daily backup. */
  start(options: { port: number; host: string; hour?: number; log: FastifyBaseLogger }): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerBackupsOptions {
  database: SqlDatabase;
  dataDir?: string;
  databaseUrl?: string;
}

function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export function serverBackups({ database, dataDir, databaseUrl }: ServerBackupsOptions): ServerBackups {
  if (dataDir === undefined || dataDir.startsWith('memory://')) {
    return { forApp: { service: NO_BACKUPS }, start: async () => undefined, stop: async () => undefined };
  }
  const service = createBackupService({ database, dataDir, databaseUrl });
  // PostgreSQL takes its own consistent dumps (pg_dump); only a PGlite directory needs its holder to copy it.
  const localToken = databaseUrl === undefined ? newBackupToken() : undefined;
  let stopSchedule: (() => void) | null = null;
  return {
    forApp: { service, localToken },
    async start({ port, host, hour, log }) {
      if (localToken !== undefined) {
        await writeServerFile(dataDir, {
          pid: process.pid,
          url: `http://${loopbackHost(host)}:${port}`,
          token: localToken,
          startedAt: new Date().toISOString(),
        });
      }
      const schedule = scheduleDailyBackup({
        hour: hour ?? DEFAULT_BACKUP_HOUR,
        run: async () => log.info({ backup: await service.take('daily') }, 'daily backup written'),
        // The owner sees the failure on the Devices screen (status.lastFailure) and the 48 h warning.
        onError: (error) => log.error({ err: error }, 'daily backup failed'),
      });
      stopSchedule = () => schedule.stop();
    },
    async stop() {
      stopSchedule?.();
      if (localToken !== undefined) await removeServerFile(dataDir, localToken);
    },
  };
}
