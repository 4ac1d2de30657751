// Migrations on a real PGlite directory: each runs in its own transaction, a failing one is rolled back with
// a clear error and leaves the data as it was, and a database with pending migrations is backed up first.

import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupBeforeMigrations } from '../../../../server/backup/migration-backup.ts';
import { MIGRATIONS_DIR, migrate, MigrationError } from '../../../../server/store/migrate.ts';
import { openPgliteDatabase } from '../../../../server/store/pglite-database.ts';
import { tableRows, tempDir } from './backup-fixtures.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A migrations folder with the real migrations up to and including `last`, plus `extra` files. */
async function migrationsUpTo(
  root: string,
  last: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const dir = join(root, 'migrations') + '/';
  await mkdir(dir, { recursive: true });
  for (const name of (await readdir(MIGRATIONS_DIR)).filter((n) => n.endsWith('.sql') && n <= last)) {
    await copyFile(join(MIGRATIONS_DIR, name), join(dir, name));
  }
  for (const [name, sql] of Object.entries(extra)) await writeFile(join(dir, name), sql);
  return dir;
}

describe('migrations', () => {
  it('a failing migration is rolled back alone: earlier ones stay, the data is as it was, the error names it', async () => {
    const root = await tempDir('migrate-fail', dirs);
    const db = await openPgliteDatabase(join(root, 'data'));
    try {
      await migrate(db);
      await db.exec("INSERT INTO shop_settings VALUES (1, 5, 10, '2026-12-06T00:00:00Z')");
      const before = await tableRows(db);
      const dir = await migrationsUpTo(root, '999', {
        '900-good.sql': 'CREATE TABLE upgrade_good (id int PRIMARY KEY);',
        // Half of it would succeed: the table is created, then the insert fails. Neither may remain.
        '901-bad.sql':
          "CREATE TABLE upgrade_bad (id int PRIMARY KEY);\nINSERT INTO upgrade_bad VALUES ('not a number');",
        '902-after.sql': 'CREATE TABLE upgrade_after (id int);',
      });
      const error = await migrate(db, dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/^migration 901-bad\.sql failed and was rolled back/);
      const after = await tableRows(db);
      // 900 applied (its own transaction), 901 not at all, 902 never tried; every other row untouched.
      expect(Object.keys(after).filter((name) => name.startsWith('upgrade_'))).toEqual(['upgrade_good']);
      const applied = (after.schema_migrations as string[]).map(
        (row) => (JSON.parse(row) as { name: string }).name,
      );
      expect(applied.filter((name) => name >= '900')).toEqual(['900-good.sql']);
      for (const table of Object.keys(before)) {
        if (table !== 'schema_migrations') expect(after[table], table).toEqual(before[table]);
      }
    } finally {
      await db.close();
    }
  }, 120_000);

  it('backs up before running a pending migration, and not on a brand-new database', async () => {
    const root = await tempDir('migrate-backup', dirs);
    const dataDir = join(root, 'data');
    const db = await openPgliteDatabase(dataDir);
    try {
      // A brand-new database: nothing to back up.
      await backupBeforeMigrations(db, { dataDir, log: () => undefined });
      expect(await readdir(dataDir)).not.toContain('backups');
      // The previous release's schema: every migration but the newest.
      const all = (await readdir(MIGRATIONS_DIR)).filter((n) => n.endsWith('.sql')).sort();
      await migrate(db, await migrationsUpTo(root, all[all.length - 2] as string));
      const logged: string[] = [];
      await backupBeforeMigrations(db, { dataDir, log: (line) => logged.push(line) });
      const files = await readdir(join(dataDir, 'backups'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^orderline-\d{8}T\d{9}Z-migration\.tar\.gz$/);
      expect(logged.join()).toContain(all[all.length - 1]);
      // Up to date: no second backup.
      await migrate(db);
      await backupBeforeMigrations(db, { dataDir, log: () => undefined });
      expect(await readdir(join(dataDir, 'backups'))).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 120_000);
});
