// Ad-hoc measurement (not a test): the menu store after EDITS edits (default 10,000) on PGlite in
// memory — table sizes, and GET /api/menu?version=N read time for old and new versions, uncached.
// Run: node --import tsx tests/unit/server/menu-scale.ts   (EDITS)

import { performance } from 'node:perf_hooks';
import { SAMPLE_MENU } from '../../../server/menu.ts';
import { createMenuStore } from '../../../server/store/menu-store.ts';
import { openStore } from '../../../server/store/open-store.ts';

const edits = Number(process.env.EDITS ?? 10_000);
const store = await openStore({ dataDir: 'memory://' });
const db = store.database;
const menu = await createMenuStore(db);
await menu.seedIfEmpty(SAMPLE_MENU);

const started = performance.now();
for (let i = 0; i < edits; i++) {
  const item = SAMPLE_MENU.items[i % SAMPLE_MENU.items.length];
  if (!item) throw new Error('empty sample');
  await menu.putItem(item.id, { ...item, priceCents: 100 + (i % 900) }, null);
}
const editMs = performance.now() - started;

const sizes = await db.query<{ name: string; rows: number; bytes: number }>(
  `SELECT relname AS name, n_live_tup AS rows, pg_total_relation_size(relid) AS bytes
   FROM pg_stat_user_tables WHERE relname LIKE 'menu%' ORDER BY relname`,
);

/** Reads through a fresh store each round, so the per-version cache does not answer. */
async function readMs(version: number, rounds = 20): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const fresh = await createMenuStore(db);
    const t0 = performance.now();
    const snapshot = await fresh.atVersion(version);
    times.push(performance.now() - t0);
    if (!snapshot) throw new Error(`version ${version} missing`);
  }
  return times.sort((a, b) => a - b);
}
const head = await menu.currentVersion();
const report = (times: number[]) => ({
  p50: Number(times[Math.floor(times.length / 2)]?.toFixed(2)),
  max: Number(times.at(-1)?.toFixed(2)),
});
console.log(
  JSON.stringify(
    {
      edits,
      head,
      editsPerSecond: Math.round((edits / editMs) * 1000),
      tables: sizes.map((row) => ({
        ...row,
        rows: Number(row.rows),
        kib: Math.round(Number(row.bytes) / 1024),
      })),
      readVersion1Ms: report(await readMs(1)),
      readMiddleMs: report(await readMs(Math.floor(head / 2))),
      readHeadMs: report(await readMs(head)),
    },
    null,
    2,
  ),
);
await store.close();
