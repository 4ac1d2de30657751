// The upgrade path: a data directory written by the previous release (tests/fixtures/v0.2.0, made with that
// release's own code) opened by this server finds every order, menu version, device, event, setting and report
// as that release answered them; pending migrations run, after a backup of the old data.

import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/app.ts';
import { MIGRATIONS_DIR } from '../../../../server/store/migrate.ts';
import { openStore } from '../../../../server/store/open-store.ts';
import type { OrderStore } from '../../../../server/store/order-store.ts';
import { tempDir } from './backup-fixtures.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'v0.2.0');
const ADMIN = { authorization: 'Bearer orderline-fixture-admin-token-0123456789abcdef' };

const dirs: string[] = [];
let dataDir: string;
let store: OrderStore;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  const root = await tempDir('upgrade', dirs);
  await tar.extract({ file: join(FIXTURE, 'data.tar.gz'), cwd: root, strict: true });
  dataDir = join(root, 'data');
  store = await openStore({ dataDir });
  app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: ADMIN.authorization.slice('Bearer '.length),
    limits: { maxEventLoopDelayMs: 0 },
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * `found` holds everything `wanted` holds: the same keys with the same values, arrays of the same length
 * element by element. A newer release may add fields, never drop or change one. Returns the first difference.
 */
function missingFrom(wanted: unknown, found: unknown, path = ''): string | null {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(found)) return `${path}: expected an array`;
    if (found.length !== wanted.length)
      return `${path}: ${wanted.length} entries before, ${found.length} now`;
    for (let i = 0; i < wanted.length; i++) {
      const difference = missingFrom(wanted[i], found[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (found === null || typeof found !== 'object') return `${path}: expected an object`;
    for (const [key, value] of Object.entries(wanted)) {
      const difference = missingFrom(value, (found as Record<string, unknown>)[key], `${path}.${key}`);
      if (difference) return difference;
    }
    return null;
  }
  return Object.is(wanted, found)
    ? null
    : `${path}: ${JSON.stringify(wanted)} before, ${JSON.stringify(found)} now`;
}

describe('upgrade from v0.2.0', () => {
  it('answers every request as v0.2.0 did: orders, changes, history, day report, menu versions, devices, settings', async () => {
    const expected = JSON.parse(await readFile(join(FIXTURE, 'expected-api.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    const differences: string[] = [];
    for (const [url, answer] of Object.entries(expected)) {
      const res = await app.inject({ url, headers: ADMIN });
      expect(res.statusCode, url).toBe(200);
      const difference = missingFrom(answer, res.json());
      if (difference) differences.push(`${url} ${difference}`);
    }
    expect(differences).toEqual([]);
  });

  it('keeps every row of every table v0.2.0 wrote (orders, menu versions, devices, events, telemetry)', async () => {
    const expected = JSON.parse(await readFile(join(FIXTURE, 'expected-rows.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>[]
    >;
    expect(expected.orders).toHaveLength(12);
    expect(expected.order_events?.length).toBeGreaterThan(0);
    expect(expected.menu_versions).toHaveLength(4);
    const lost: string[] = [];
    for (const [table, rows] of Object.entries(expected)) {
      const now = await store.database.query<Record<string, unknown>>(`SELECT * FROM "${table}"`);
      for (const row of rows) {
        // The same row now: every old column with its old value (a newer schema may add columns).
        if (!now.some((candidate) => missingFrom(row, candidate) === null)) {
          lost.push(`${table}: ${JSON.stringify(row).slice(0, 160)}`);
        }
      }
    }
    expect(lost).toEqual([]);
  });

  it('ran the pending migrations, after backing up the old data when there were any', async () => {
    const before = (
      JSON.parse(await readFile(join(FIXTURE, 'expected-rows.json'), 'utf8')) as {
        schema_migrations: { name: string }[];
      }
    ).schema_migrations.map((row) => row.name);
    const all = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
    const applied = (
      await store.database.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
    ).map((row) => row.name);
    expect(applied).toEqual(all);
    const backups = await readdir(join(dataDir, 'backups')).catch(() => []);
    const pending = all.filter((name) => !before.includes(name));
    expect(backups.filter((name) => name.endsWith('-migration.tar.gz'))).toHaveLength(
      pending.length > 0 ? 1 : 0,
    );
  });
});
