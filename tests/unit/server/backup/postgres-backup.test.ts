// PostgreSQL backups with pg_dump / pg_restore against a real throwaway cluster: back up, write more, restore,
// find exactly the backed-up rows; a truncated dump is refused before anything is touched. Skipped, with the
// reason, where PostgreSQL or its dump tools are not installed.

import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupFileError } from '../../../../server/backup/backup-archive.ts';
import { backupPostgres, restorePostgres, toolInstalled } from '../../../../server/backup/postgres-backup.ts';
import { openStore } from '../../../../server/store/open-store.ts';
import type { OrderStore } from '../../../../server/store/order-store.ts';
import { postgresAvailable, startPostgres, type PostgresCluster } from '../postgres-cluster.ts';
import { buildApp } from '../../../../server/app.ts';
import { createBody, postOrder, TEST_ADMIN_TOKEN } from '../order-fixtures.ts';
import { tableRows, tempDir } from './backup-fixtures.ts';

const noCluster = await postgresAvailable();
const noTools =
  (await toolInstalled('pg_dump')) && (await toolInstalled('pg_restore'))
    ? null
    : 'pg_dump/pg_restore not installed';
const skip = noCluster ?? noTools;
if (skip) console.warn(`skipping PostgreSQL backup tests: ${skip}`);

const dirs: string[] = [];
let cluster: PostgresCluster;
beforeAll(async () => {
  if (!skip) cluster = await startPostgres();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Orders through the real app (pricing, events, feed), as a till would write them. */
async function createOrders(store: OrderStore, count: number, customerName = 'Ada'): Promise<void> {
  const app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
    limits: { maxEventLoopDelayMs: 0 },
  });
  try {
    for (let i = 0; i < count; i++)
      expect((await postOrder(app, createBody({ customerName }))).statusCode).toBe(201);
  } finally {
    await app.close();
  }
}

describe.skipIf(skip !== null)('PostgreSQL backup and restore', () => {
  it('restores exactly the backed-up rows; refuses a truncated dump and changes nothing', async () => {
    const dataDir = join(await tempDir('pg-backup', dirs), 'data');
    let store = await openStore({ databaseUrl: cluster.url });
    await createOrders(store, 5);
    const backup = await backupPostgres({ databaseUrl: cluster.url, dataDir, reason: 'manual' });
    const atBackup = await tableRows(store.database);
    await createOrders(store, 3, 'After the backup');
    const afterMore = await tableRows(store.database);
    await store.close();

    const file = join(dataDir, 'backups', backup.name);
    const truncated = join(dataDir, 'truncated.dump');
    const good = await readFile(file);
    await writeFile(truncated, good.subarray(0, Math.floor(good.length * 0.7)));
    await expect(restorePostgres(cluster.url, truncated)).rejects.toBeInstanceOf(BackupFileError);
    store = await openStore({ databaseUrl: cluster.url });
    expect(await tableRows(store.database)).toEqual(afterMore);
    await store.close();

    await restorePostgres(cluster.url, file);
    store = await openStore({ databaseUrl: cluster.url });
    try {
      expect(await tableRows(store.database)).toEqual(atBackup);
    } finally {
      await store.close();
    }
  }, 180_000);
});
