// `backup_ms`: what `npm run backup` costs on a PGlite database holding `orders` finished orders (two events
// each, seeded in SQL like the history measure), while the database is open, as the running server takes it.
// Also how long the server's writes wait (the copy under PGlite's lock), which is what a till notices.
// Standalone: node --import tsx bench/scenarios/backup.ts [orders]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_FOLDER } from '../../server/backup/backup-archive.ts';
import { belongsInBackup, backupPglite } from '../../server/backup/pglite-backup.ts';
import { openStore } from '../../server/store/open-store.ts';
import { round } from '../stats.ts';
import { seedFinishedOrders } from './history.ts';
import { freshDataDir } from '../fresh-data-dir.ts';

export interface BackupBenchResult {
  orders: number;
  /** The whole backup: copy, hash, archive, rename. */
  ms: number;
  /** The copy alone: the time the database holds its lock (writes wait this long at most). */
  lockedMs: number;
  sizeBytes: number;
}

export async function measureBackup(orders: number): Promise<BackupBenchResult> {
  const dataDir = await freshDataDir('orderline-bench-backup-');
  const store = await openStore({ dataDir });
  try {
    await seedFinishedOrders(store.database, orders);
    await store.database.exec('CHECKPOINT');
    const copy = join(await mkdtemp(join(tmpdir(), 'orderline-bench-copy-')), DATA_FOLDER);
    const copyStart = performance.now();
    await store.database.copyFilesTo?.(copy, belongsInBackup);
    const lockedMs = performance.now() - copyStart;
    await rm(join(copy, '..'), { recursive: true, force: true });

    const start = performance.now();
    const info = await backupPglite(store.database, { dataDir, reason: 'manual' });
    return {
      orders,
      ms: round(performance.now() - start, 1),
      lockedMs: round(lockedMs, 1),
      sizeBytes: info.sizeBytes,
    };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await measureBackup(Number(process.argv[2] ?? 100_000)), null, 2));
}
