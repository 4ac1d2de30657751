// A server app on a real PGlite directory with its backup service, and a dump of every table's rows: the
// backup, restore and upgrade tests compare whole databases, not a sample.

import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../../server/app.ts';
import { createBackupService, type BackupService } from '../../../../server/backup/backup-service.ts';
import type { SqlClient } from '../../../../server/store/sql-database.ts';
import { openStore } from '../../../../server/store/open-store.ts';
import type { OrderStore } from '../../../../server/store/order-store.ts';
import { migratedDataDir } from '../migrated-data-dir.ts';
import { TEST_ADMIN_TOKEN } from '../order-fixtures.ts';

export interface FileApp {
  app: FastifyInstance;
  store: OrderStore;
  backups: BackupService;
  close(): Promise<void>;
}

export async function tempDir(prefix: string, dirs: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `orderline-${prefix}-`));
  dirs.push(dir);
  return dir;
}

/** `dataDir` that does not exist yet starts as the run's migrated template (../migrated-data-dir.ts). */
export async function fileApp(dataDir: string, localToken?: string): Promise<FileApp> {
  if (!existsSync(dataDir)) await migratedDataDir(dataDir);
  const store = await openStore({ dataDir });
  const backups = createBackupService({ database: store.database, dataDir });
  const app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
    limits: { maxEventLoopDelayMs: 0 },
    backups: { service: backups, localToken },
  });
  return {
    app,
    store,
    backups,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Every row of every table in the public schema, tables by name, rows in a stable order. */
export async function tableRows(db: SqlClient): Promise<Record<string, unknown[]>> {
  const tables = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const all = await db.query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
    rows[name] = all.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}
