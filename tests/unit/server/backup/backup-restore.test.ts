// Back up a real PGlite database while orders are being written, write more, restore, and find exactly the
// backed-up state; a corrupt, truncated or foreign file is refused and the data directory is not touched.

import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupFileError } from '../../../../server/backup/backup-archive.ts';
import { restorePglite, ServerRunningError } from '../../../../server/backup/pglite-restore.ts';
import { writeServerFile } from '../../../../server/backup/server-file.ts';
import { openPgliteDatabase } from '../../../../server/store/pglite-database.ts';
import { createBody, patchOrder, postOrder } from '../order-fixtures.ts';
import { pairDevice } from '../device-fixtures.ts';
import { fileApp, tableRows, tempDir } from './backup-fixtures.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Every file under `dir` (but backups/) with its hash: "nothing changed" means this is identical. */
async function fingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (at: string) => {
    for (const entry of (await readdir(at, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else hash.update(path).update(await readFile(path));
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

async function rowsIn(dataDir: string) {
  const db = await openPgliteDatabase(dataDir);
  try {
    return await tableRows(db);
  } finally {
    await db.close();
  }
}

describe('backup and restore (PGlite)', () => {
  it('restores exactly the backed-up state, even when the backup was taken while orders were written', async () => {
    const root = await tempDir('restore', dirs);
    const dataDir = join(root, 'data');
    const t = await fileApp(dataDir);
    await pairDevice(t.app, 'counter', { name: 'Till 1' });
    for (let i = 0; i < 20; i++) await postOrder(t.app, createBody());
    // The print feed (server/printing/order-feed.ts) follows the order events in the background: once it has
    // caught up, nothing writes while the "quiet" backup is taken. It is pumped on the printers' lease tick
    // (every 2 s), hence the poll's 10 s.
    const seqOf = async (sql: string) =>
      Number((await t.store.database.query<{ seq: number | string }>(sql))[0]?.seq ?? 0);
    await expect
      .poll(
        async () =>
          (await seqOf('SELECT seq FROM print_feed WHERE id = 1')) ===
          (await seqOf('SELECT COALESCE(MAX(seq), 0) AS seq FROM order_events')),
        { timeout: 10_000 },
      )
      .toBe(true);
    const quiet = await t.backups.take('manual');
    const atQuietBackup = await tableRows(t.store.database);
    // Writes in flight while the backup copies: the copy must be a consistent cut, never half an order.
    const writing = Promise.all(Array.from({ length: 30 }, () => postOrder(t.app, createBody())));
    const backup = await t.backups.take('manual');
    await writing;
    const backedUpFile = join(dataDir, 'backups', backup.name);
    expect((await stat(backedUpFile)).mode & 0o777).toBe(0o600);

    // More writes after the backup: they must be gone after the restore.
    const later = (await postOrder(t.app, createBody({ customerName: 'After the backup' }))).json<{
      id: string;
    }>();
    await patchOrder(t.app, later.id, { status: 'ready' });
    await t.close();

    await restorePglite(dataDir, join(dataDir, 'backups', quiet.name));
    expect(await rowsIn(dataDir)).toEqual(atQuietBackup);

    const result = await restorePglite(dataDir, backedUpFile);
    expect(result.previous).not.toBeNull();
    const restored = await rowsIn(dataDir);
    expect(JSON.stringify(restored.orders)).not.toContain('After the backup');
    // 20 orders before, a consistent prefix of the 30 in flight: every order row has its event row.
    const orders = restored.orders as string[];
    expect(orders.length).toBeGreaterThanOrEqual(20);
    expect(orders.length).toBeLessThanOrEqual(50);
    expect((restored.devices as string[]).join()).toContain('Till 1');
    // The backups folder came along (the file restored from is still there).
    expect((await readdir(join(dataDir, 'backups'))).includes(backup.name)).toBe(true);

    // And restoring the same file again gives the same rows: the restored state is the backup's.
    const again = await restorePglite(dataDir, backedUpFile);
    expect(await rowsIn(dataDir)).toEqual(restored);
    // The server opens it (migrations, stores) and serves the orders.
    const reopened = await fileApp(dataDir);
    try {
      const active = await reopened.app.inject({
        url: '/api/orders?status=active&limit=1000',
        headers: { authorization: `Bearer orderline-test-admin-token-0123456789abcdef` },
      });
      expect(active.json<{ orders: unknown[] }>().orders).toHaveLength(orders.length);
    } finally {
      await reopened.close();
    }
    expect(again.previous).not.toBe(result.previous);
  }, 120_000);

  it('refuses a truncated, corrupt or foreign file and changes nothing', async () => {
    const root = await tempDir('corrupt', dirs);
    const dataDir = join(root, 'data');
    const t = await fileApp(dataDir);
    for (let i = 0; i < 5; i++) await postOrder(t.app, createBody());
    const backup = await t.backups.take('manual');
    await t.close();
    const good = await readFile(join(dataDir, 'backups', backup.name));
    const before = await fingerprint(dataDir);

    const truncated = join(root, 'truncated.tar.gz');
    await writeFile(truncated, good.subarray(0, Math.floor(good.length * 0.6)));
    const corrupt = join(root, 'corrupt.tar.gz');
    const flipped = Buffer.from(good);
    const at = Math.floor(flipped.length / 2);
    flipped[at] = (flipped[at] as number) ^ 0xff;
    await writeFile(corrupt, flipped);
    const foreign = join(root, 'foreign.tar.gz');
    await writeFile(foreign, 'this is not a backup\n');

    for (const file of [truncated, corrupt, foreign, join(root, 'missing.tar.gz')]) {
      const error = await restorePglite(dataDir, file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, file).toBeInstanceOf(BackupFileError);
      expect((error as Error).message).toMatch(/is not a usable backup: .*Nothing was changed\./);
    }
    expect(await fingerprint(dataDir)).toBe(before);
    // No half-extracted directory is left beside the data.
    expect((await readdir(root)).filter((name) => name.includes('restoring'))).toEqual([]);
  }, 120_000);

  it('refuses while a server has the data directory open', async () => {
    const root = await tempDir('running', dirs);
    const dataDir = join(root, 'data');
    const t = await fileApp(dataDir);
    const backup = await t.backups.take('manual');
    await writeServerFile(dataDir, {
      pid: process.pid,
      url: 'http://127.0.0.1:1',
      token: 'x',
      startedAt: '',
    });
    try {
      await expect(restorePglite(dataDir, join(dataDir, 'backups', backup.name))).rejects.toBeInstanceOf(
        ServerRunningError,
      );
    } finally {
      await t.close();
    }
  }, 120_000);
});
