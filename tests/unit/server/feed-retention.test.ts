// The changes feed of Part 2: since=0 and cursors older than retention get the active snapshot (reset),
// in pages; every page is bounded by count and by bytes but never empty; the active list pages too.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActiveOrdersResponse, ChangesResponse } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import { buildApp } from '../../../server/app.ts';
import { openMemoryStore } from './memory-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import type { FastifyInstance } from 'fastify';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, createBody, patchOrder, postOrder } from './order-fixtures.ts';

const DAY_MS = 86_400_000;
let clock = Date.UTC(2026, 11, 1, 9, 0, 0);
let store: OrderStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await openMemoryStore({ now: () => new Date(clock), feedRetentionDays: 7 });
  app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

async function get<T>(url: string): Promise<T> {
  const res = await app.inject({ url, headers: OWNER_AUTH });
  expect(res.statusCode).toBe(200);
  return res.json<T>();
}

async function created(overrides = {}): Promise<Order> {
  const res = await postOrder(app, createBody(overrides));
  expect(res.statusCode).toBe(201);
  return res.json<Order>();
}

async function finished(): Promise<Order> {
  const order = await created();
  return (await patchOrder(app, order.id, { status: 'completed' })).json<Order>();
}

/** Follows a reset through all its pages, as a client must before replacing its cache. */
async function wholeReset(first: ChangesResponse, limit: number): Promise<Order[]> {
  const orders = [...first.orders];
  let page = first;
  while (page.more) {
    expect(page.reset).toBe(true);
    page = await get<ChangesResponse>(
      `/api/orders/changes?since=${first.cursor}&snapshotAfter=${page.snapshotAfter}&limit=${limit}`,
    );
    expect(page.reset).toBe(true);
    expect(page.cursor).toBe(first.cursor);
    orders.push(...page.orders);
  }
  return orders;
}

describe('reset and retention', () => {
  it('since=0 answers reset with only the active orders and the current cursor', async () => {
    const done = await finished();
    const active = [await created(), await created(), await created()];
    const page = await get<ChangesResponse>('/api/orders/changes?since=0');
    expect(page.reset).toBe(true);
    expect(page.more).toBe(false);
    expect(page.cursor).toBe((await get<ActiveOrdersResponse>('/api/orders?status=active')).cursor);
    const ids = page.orders.map((o) => o.id);
    expect(ids).not.toContain(done.id);
    for (const order of active) expect(ids).toContain(order.id);
    expect(page.orders.every((o) => ['pending', 'preparing', 'ready'].includes(o.status))).toBe(true);
  });

  it('a reset larger than a page comes in pages that hold every active order once', async () => {
    for (let i = 0; i < 5; i++) await created();
    const first = await get<ChangesResponse>('/api/orders/changes?since=0&limit=2');
    expect(first.orders).toHaveLength(2);
    expect(first.more).toBe(true);
    const all = await wholeReset(first, 2);
    const active = await get<ActiveOrdersResponse>('/api/orders?status=active&limit=1000');
    expect(all.map((o) => o.id).sort()).toEqual(active.orders.map((o) => o.id).sort());
  });

  it('a since ahead of the server answers a reset that respects limit', async () => {
    const headSeq = (await get<ActiveOrdersResponse>('/api/orders?status=active')).cursor;
    const page = await get<ChangesResponse>(`/api/orders/changes?since=${headSeq + 1000}&limit=1`);
    expect(page).toMatchObject({ reset: true, more: true, cursor: headSeq });
    expect(page.orders).toHaveLength(1);
  });

  it('a cursor older than retention gets reset; one within it gets the feed', async () => {
    const old = await finished();
    const before = old.seq - 1;
    const young = await finished();
    // Within retention both cursors are served from the feed.
    expect((await get<ChangesResponse>(`/api/orders/changes?since=${before}`)).reset).toBe(false);
    clock += 8 * DAY_MS;
    // The old order left the feed window: a cursor from before it gets the active snapshot instead.
    const stale = await get<ChangesResponse>(`/api/orders/changes?since=${before}`);
    expect(stale.reset).toBe(true);
    expect(stale.orders.map((o) => o.id)).not.toContain(old.id);
    // Everything finished before it left the window too, so only a cursor at or above the floor is served.
    const fresh = await get<ChangesResponse>(`/api/orders/changes?since=${young.seq}`);
    expect(fresh.reset).toBe(false);
    // Finished orders stay in the database for history.
    expect((await app.inject({ url: `/api/orders/${old.id}`, headers: OWNER_AUTH })).statusCode).toBe(200);
  });
});

describe('page bounds', () => {
  const bigLines = Array.from({ length: 100 }, (_, i) => ({
    menuItemId: 'flat-white',
    qty: 1,
    note: `${i}`.padEnd(200, 'x'),
  }));

  it('a changes page stops at 1 MiB of JSON with more: true, and the next pages continue without a gap', async () => {
    const since = (await get<ActiveOrdersResponse>('/api/orders?status=active')).cursor;
    const big: Order[] = [];
    for (let i = 0; i < 45; i++) big.push(await created({ note: 'n'.repeat(500), items: bigLines }));
    const res = await app.inject({
      url: `/api/orders/changes?since=${since}&limit=1000`,
      headers: OWNER_AUTH,
    });
    expect(res.rawPayload.length).toBeLessThanOrEqual(1024 * 1024);
    const first = res.json<ChangesResponse>();
    expect(first.more).toBe(true);
    expect(first.orders.length).toBeGreaterThan(0);
    expect(first.orders.length).toBeLessThan(big.length);
    const second = await get<ChangesResponse>(`/api/orders/changes?since=${first.cursor}&limit=1000`);
    expect([...first.orders, ...second.orders].map((o) => o.seq)).toEqual(big.map((o) => o.seq));
    expect(second.more).toBe(false);
  }, 120_000);

  it('the active list pages by limit and cursor, newest first, each order once', async () => {
    const counted = await store.database.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM orders WHERE status IN ('pending', 'preparing', 'ready')`,
    );
    const seen: Order[] = [];
    let url = '/api/orders?status=active&limit=7';
    for (;;) {
      const page = await get<ActiveOrdersResponse>(url);
      expect(page.orders.length).toBeLessThanOrEqual(7);
      seen.push(...page.orders);
      if (!page.more) break;
      url = `/api/orders?status=active&limit=7&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(Number(counted[0]?.n));
    expect(new Set(seen.map((o) => o.id)).size).toBe(seen.length);
    const key = (o: Order) => `${o.createdAt} ${o.id}`;
    expect(seen.map(key)).toEqual(seen.map(key).sort().reverse());
  });

  it('refuses a cursor it did not make', async () => {
    const res = await app.inject({ url: '/api/orders?status=active&cursor=abc', headers: OWNER_AUTH });
    expect(res.statusCode).toBe(400);
  });
});
