// History and the day report at scale: seeds `orders` finished orders (2,000 a day, two events each) with
// generate_series straight into a fresh PGlite database, then times GET /api/orders/history searches (p95,
// server side: Fastify inject, no network) and GET /api/reports/day for one full day.
// Standalone: node --import tsx bench/scenarios/history.ts [orders] [searches]
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../../server/app.ts';
import { openStore } from '../../server/store/open-store.ts';
import type { SqlDatabase } from '../../server/store/sql-database.ts';
import { summarize, type Summary } from '../stats.ts';
import { freshDataDir } from '../fresh-data-dir.ts';

export const ORDERS_PER_DAY = 2000;
const FIRST_DAY = '2024-01-01';
const ADMIN_TOKEN = 'orderline-bench-history-admin-token-0123456789';
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson'];

export interface HistoryBenchResult {
  orders: number;
  seedSeconds: number;
  searchMs: Summary;
  /** The slowest query shape's p95, so a regression in one kind of search is not averaged away. */
  searchP95ByKindMs: Record<string, number>;
  reportDayMs: number;
  reportDayOrders: number;
}

const sqlList = (names: readonly string[]) => `ARRAY[${names.map((n) => `'${n}'`).join(', ')}]`;

/** Orders i = 1..n, every 43.2 s from FIRST_DAY (2,000 a local UTC day); 1 in 10 cancelled. */
export async function seedFinishedOrders(db: SqlDatabase, n: number): Promise<void> {
  const step = 86_400 / ORDERS_PER_DAY;
  const at = `to_char((timestamptz '${FIRST_DAY}T00:00:00Z' + (i * ${step}) * interval '1 second') AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  await db.transaction(async (tx) => {
    await tx.exec(`
      INSERT INTO orders (id, number, device_id, customer_name, note, items, total_cents, status, paid,
                          created_at, received_at, updated_at, fingerprint, seq)
      SELECT md5(i::text)::uuid::text,
             chr(65 + i % 26) || '-' || lpad((i % 1000)::text, 3, '0'),
             '0192d2a4-6c1e-7000-8000-00000000b001',
             (${sqlList(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}] || ' ' ||
               (${sqlList(LAST_NAMES)})[1 + (i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
             '',
             '[{"menuItemId":"flat-white","name":"Flat white","qty":2,"unitPriceCents":380,"note":""}]'::jsonb,
             760,
             CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'completed' END,
             i % 10 <> 0,
             ${at}, ${at}, ${at}, 'bench-seed', 2 * i
      FROM generate_series(1, ${n}) AS i;
      INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id)
      SELECT 2 * i - 1, md5(i::text)::uuid::text, 'created', 'pending', false, ${at},
             '0192d2a4-6c1e-7000-8000-00000000b001'
      FROM generate_series(1, ${n}) AS i;
      INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id)
      SELECT 2 * i, md5(i::text)::uuid::text, 'status_paid',
             CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'completed' END, i % 10 <> 0, ${at},
             '0192d2a4-6c1e-7000-8000-00000000b001'
      FROM generate_series(1, ${n}) AS i;
      UPDATE seq_counter SET seq = ${2 * n} WHERE id = 1;
      ANALYZE orders;
      ANALYZE order_events;`);
  });
}

/** The kinds of search a History screen makes; each is run searches / kinds times. */
function searchQueries(orders: number, searches: number): { kind: string; url: string }[] {
  const lastDay = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + (orders / ORDERS_PER_DAY) * 86_400_000);
  const kinds: ((i: number) => { kind: string; url: string })[] = [
    () => ({ kind: 'latest', url: '' }),
    (i) => ({
      kind: 'number',
      url: `q=${String.fromCharCode(65 + (i % 26))}-${String(i % 1000).padStart(3, '0')}`,
    }),
    (i) => ({
      kind: 'customer',
      url: `q=${(FIRST_NAMES[i % FIRST_NAMES.length] ?? 'ada').slice(0, 3).toLowerCase()}`,
    }),
    (i) => ({
      kind: 'day',
      url: `from=${new Date(lastDay.getTime() - (i + 2) * 86_400_000).toISOString()}&to=${new Date(lastDay.getTime() - (i + 1) * 86_400_000).toISOString()}`,
    }),
    () => ({ kind: 'cancelled', url: 'status=cancelled' }),
  ];
  return Array.from({ length: searches }, (_, i) =>
    (kinds[i % kinds.length] as (i: number) => { kind: string; url: string })(i),
  );
}

export async function measureHistory(orders: number, searches: number): Promise<HistoryBenchResult> {
  const dataDir = await freshDataDir('orderline-history-bench-');
  const store = await openStore({ dataDir });
  try {
    const seedStarted = performance.now();
    await seedFinishedOrders(store.database, orders);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const app = await buildApp({
      store,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
      adminToken: ADMIN_TOKEN,
    });
    try {
      const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const timed = async (url: string) => {
        const started = performance.now();
        const res = await app.inject({ url, headers });
        const ms = performance.now() - started;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return { ms, body: res };
      };
      // Warm-up: the first queries load pages and plans; the budget is for a screen in use.
      for (const { url } of searchQueries(orders, 10)) await timed(`/api/orders/history?${url}`);
      const samples: number[] = [];
      const byKind = new Map<string, number[]>();
      for (const { kind, url } of searchQueries(orders, searches)) {
        const { ms, body } = await timed(`/api/orders/history?${url}`);
        samples.push(ms);
        byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
        // Half the searches also fetch their second page, as scrolling does.
        const next = body.json<{ nextCursor: string | null }>().nextCursor;
        if (next && samples.length % 2 === 0)
          samples.push((await timed(`/api/orders/history?${url}&cursor=${next}`)).ms);
      }
      const day = new Date(
        Date.parse(`${FIRST_DAY}T00:00:00Z`) + Math.floor(orders / ORDERS_PER_DAY / 2) * 86_400_000,
      )
        .toISOString()
        .slice(0, 10);
      await timed(`/api/reports/day?date=${day}&tz=UTC`); // warm-up
      const report = await timed(`/api/reports/day?date=${day}&tz=UTC`);
      return {
        orders,
        seedSeconds: Math.round(seedSeconds * 10) / 10,
        searchMs: summarize(samples),
        searchP95ByKindMs: Object.fromEntries([...byKind].map(([kind, ms]) => [kind, summarize(ms).p95])),
        reportDayMs: Math.round(report.ms * 100) / 100,
        reportDayOrders: report.body.json<{ orders: number }>().orders,
      };
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const orders = Number(process.argv[2] ?? 1_000_000);
  const searches = Number(process.argv[3] ?? 200);
  console.log(JSON.stringify(await measureHistory(orders, searches), null, 2));
}
