// Every row of DESIGN.md's HTTP API table through fastify.inject on one PGlite memory:// database.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { Order } from '../../../protocol/order.ts';
import type { ApiError, ChangesResponse } from '../../../protocol/api.ts';
import {
  OWNER_AUTH,
  TEST_ADMIN_TOKEN,
  createBody,
  memoryApp,
  patchOrder,
  postOrder,
  uuidv7,
  type TestApp,
} from './order-fixtures.ts';

let t: TestApp;
// Opening PGlite takes seconds, and much longer on a loaded 2-core machine.
beforeAll(async () => {
  // A clock past the 2030 createdAt values below, which must be accepted (at most a day ahead).
  t = await memoryApp({ now: () => new Date(Date.UTC(2030, 0, 1, 12)) });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function seqNow(): Promise<number> {
  const res = await t.app.inject({ headers: OWNER_AUTH, url: '/api/orders?status=active' });
  return res.json<{ cursor: number }>().cursor;
}

async function created(overrides = {}): Promise<Order> {
  const res = await postOrder(t.app, createBody(overrides));
  expect(res.statusCode).toBe(201);
  return res.json<Order>();
}

function errorCode(res: { json: <T>() => T }): string {
  return res.json<ApiError>().error.code;
}

describe('GET /api/menu', () => {
  it('lists ~20 priced items with slug ids and a currency', async () => {
    const res = await t.app.inject({ headers: OWNER_AUTH, url: '/api/menu' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-orderline-api']).toBe('1');
    const menu = res.json<{ items: { id: string; priceCents: number }[]; currency: string }>();
    expect(menu.currency).toBe('EUR');
    expect(menu.items.length).toBeGreaterThanOrEqual(18);
    for (const item of menu.items) {
      expect(item.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(Number.isInteger(item.priceCents) && item.priceCents > 0).toBe(true);
    }
  });
});

describe('POST /api/orders', () => {
  it('creates an order priced from the menu, 201, lines in the order sent', async () => {
    const body = createBody({
      items: [
        { menuItemId: 'croissant', qty: 1 },
        { menuItemId: 'flat-white', qty: 2, note: 'oat' },
        { menuItemId: 'croissant', qty: 3 },
      ],
    });
    const res = await postOrder(t.app, body);
    expect(res.statusCode).toBe(201);
    const order = res.json<Order>();
    expect(order).toMatchObject({
      id: body.id,
      number: body.number,
      status: 'pending',
      paid: false,
      note: '',
    });
    expect(order.items.map((i) => [i.menuItemId, i.qty, i.name, i.unitPriceCents, i.note])).toEqual([
      ['croissant', 1, 'Butter croissant', 280, ''],
      ['flat-white', 2, 'Flat white', 380, 'oat'],
      ['croissant', 3, 'Butter croissant', 280, ''],
    ]);
    expect(order.totalCents).toBe(280 + 760 + 840);
    expect(order.seq).toBeGreaterThan(0);
  });

  it('replayed create returns 200 with the order as it is now, still one row, no new seq', async () => {
    const body = createBody();
    const first = (await postOrder(t.app, body)).json<Order>();
    await patchOrder(t.app, body.id, { status: 'preparing' });
    const before = await seqNow();
    // Same JSON with its keys in another order.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await postOrder(t.app, reordered, body.id.toUpperCase());
    expect(replay.statusCode).toBe(200);
    expect(replay.json<Order>()).toMatchObject({ id: first.id, status: 'preparing' });
    expect(await seqNow()).toBe(before);
    const changes = (
      await t.app.inject({ headers: OWNER_AUTH, url: '/api/orders/changes?since=0&limit=1000' })
    ).json<ChangesResponse>();
    expect(changes.orders.filter((o) => o.id === body.id)).toHaveLength(1);
  });

  it('reusing an order id with another payload is 422 idempotency_mismatch', async () => {
    const body = createBody();
    await postOrder(t.app, body);
    const res = await postOrder(t.app, { ...body, customerName: 'Someone else' });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('idempotency_mismatch');
  });

  it('a missing, malformed or different Idempotency-Key is 400 invalid_idempotency_key', async () => {
    const body = createBody();
    for (const key of [null, 'not-a-uuid', uuidv7()]) {
      const res = await postOrder(t.app, body, key);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('invalid_idempotency_key');
    }
  });

  it('an invalid body is 400 invalid_body with a field path in the message', async () => {
    const body = createBody({ items: [{ menuItemId: 'flat-white', qty: 0 }] });
    const res = await postOrder(t.app, body);
    expect(res.statusCode).toBe(400);
    expect(res.json<ApiError>().error).toMatchObject({ code: 'invalid_body' });
    expect(res.json<ApiError>().error.message).toContain('items.0.qty');
  });

  it('an unknown menu item is 422 unknown_menu_item and writes nothing', async () => {
    const before = await seqNow();
    const res = await postOrder(t.app, createBody({ items: [{ menuItemId: 'unicorn-latte', qty: 1 }] }));
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('unknown_menu_item');
    expect(await seqNow()).toBe(before);
  });

  it('50 concurrent creates with one key make exactly one order', async () => {
    const body = createBody();
    const answers = await Promise.all(Array.from({ length: 50 }, () => postOrder(t.app, body)));
    const statuses = answers.map((res) => res.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const changes = (
      await t.app.inject({ headers: OWNER_AUTH, url: '/api/orders/changes?since=0&limit=1000' })
    ).json<ChangesResponse>();
    expect(changes.orders.filter((o) => o.id === body.id)).toHaveLength(1);
  }, 120_000);

  it('200 concurrent distinct creates each appear once in the changes feed, ascending seq, no gaps', async () => {
    const since = await seqNow();
    const bodies = Array.from({ length: 200 }, () => createBody());
    const answers = await Promise.all(bodies.map((body) => postOrder(t.app, body)));
    expect(answers.every((res) => res.statusCode === 201)).toBe(true);
    const feed = (
      await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/changes?since=${since}&limit=1000` })
    ).json<ChangesResponse>();
    expect(feed.orders.map((o) => o.id).sort()).toEqual(bodies.map((b) => b.id).sort());
    expect(feed.orders.map((o) => o.seq)).toEqual(Array.from({ length: 200 }, (_, i) => since + 1 + i));
    expect(feed.cursor).toBe(since + 200);
    expect(feed.more).toBe(false);
  }, 120_000);
});

describe('PATCH /api/orders/:id', () => {
  it('moves forward (skipping steps is allowed) and takes a new seq', async () => {
    const order = await created();
    const res = await patchOrder(t.app, order.id, { status: 'ready' });
    expect(res.statusCode).toBe(200);
    const after = res.json<Order>();
    expect(after.status).toBe('ready');
    expect(after.seq).toBeGreaterThan(order.seq);
    expect(after.updatedAt >= order.updatedAt).toBe(true);
  });

  it('a stale transition is a no-op: 200 with the current order, seq unchanged', async () => {
    const order = await created();
    const ready = (await patchOrder(t.app, order.id, { status: 'ready' })).json<Order>();
    const before = await seqNow();
    const stale = await patchOrder(t.app, order.id, { status: 'preparing' });
    expect(stale.statusCode).toBe(200);
    expect(stale.json<Order>()).toEqual(ready);
    expect(await seqNow()).toBe(before);
  });

  it('final statuses never move', async () => {
    const order = await created();
    await patchOrder(t.app, order.id, { status: 'cancelled' });
    const res = await patchOrder(t.app, order.id, { status: 'completed' });
    expect(res.json<Order>().status).toBe('cancelled');
  });

  it('paid goes false → true once; paid:false is 400', async () => {
    const order = await created();
    const paid = await patchOrder(t.app, order.id, { paid: true });
    expect(paid.json<Order>().paid).toBe(true);
    const before = await seqNow();
    expect((await patchOrder(t.app, order.id, { paid: true })).json<Order>().seq).toBe(
      paid.json<Order>().seq,
    );
    expect(await seqNow()).toBe(before);
    const unpay = await patchOrder(t.app, order.id, { paid: false });
    expect(unpay.statusCode).toBe(400);
    expect(errorCode(unpay)).toBe('invalid_body');
  });

  it('status and paid together are one change', async () => {
    const order = await created();
    const res = await patchOrder(t.app, order.id, { status: 'preparing', paid: true });
    expect(res.json<Order>()).toMatchObject({ status: 'preparing', paid: true, seq: order.seq + 1 });
  });

  it('a PATCH replay returns the current order and applies nothing twice', async () => {
    const order = await created();
    const key = uuidv7();
    await patchOrder(t.app, order.id, { status: 'preparing' }, key);
    const completed = (await patchOrder(t.app, order.id, { status: 'completed' })).json<Order>();
    const replay = await patchOrder(t.app, order.id, { status: 'preparing' }, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json<Order>()).toEqual(completed);
  });

  it('a key reused with another body or on another order is 422 idempotency_mismatch', async () => {
    const order = await created();
    const other = await created();
    const key = uuidv7();
    await patchOrder(t.app, order.id, { status: 'preparing' }, key);
    const otherBody = await patchOrder(t.app, order.id, { status: 'ready' }, key);
    expect(otherBody.statusCode).toBe(422);
    expect(errorCode(otherBody)).toBe('idempotency_mismatch');
    const otherOrder = await patchOrder(t.app, other.id, { status: 'preparing' }, key);
    expect(otherOrder.statusCode).toBe(422);
  });

  it('unknown order is 404; missing key 400; invalid body 400; unknown field 400', async () => {
    const missing = await patchOrder(t.app, uuidv7(), { status: 'ready' });
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    const order = await created();
    const noKey = await patchOrder(t.app, order.id, { status: 'ready' }, null);
    expect([noKey.statusCode, errorCode(noKey)]).toEqual([400, 'invalid_idempotency_key']);
    for (const body of [{}, { status: 'done' }, { status: 'ready', extra: 1 }, [], 'ready']) {
      const res = await patchOrder(t.app, order.id, body);
      expect([res.statusCode, errorCode(res)]).toEqual([400, 'invalid_body']);
    }
  });
});

describe('GET /api/orders', () => {
  it('?status=active lists active orders newest first with the current cursor', async () => {
    const a = await created({ createdAt: '2030-01-01T00:00:00.000Z' });
    const b = await created({ createdAt: '2030-01-01T00:00:01.000Z' });
    const done = await created({ createdAt: '2030-01-01T00:00:02.000Z' });
    await patchOrder(t.app, done.id, { status: 'completed' });
    const res = await t.app.inject({ headers: OWNER_AUTH, url: '/api/orders?status=active' });
    const body = res.json<{ orders: Order[]; cursor: number }>();
    expect(body.orders.slice(0, 2).map((o) => o.id)).toEqual([b.id, a.id]);
    expect(body.orders.some((o) => o.id === done.id)).toBe(false);
    expect(body.orders.every((o) => ['pending', 'preparing', 'ready'].includes(o.status))).toBe(true);
    expect(body.cursor).toBeGreaterThanOrEqual(Math.max(...body.orders.map((o) => o.seq)));
  });

  it('without status=active it is 400 invalid_query', async () => {
    for (const url of ['/api/orders', '/api/orders?status=done', '/api/orders?status=active&x=1']) {
      const res = await t.app.inject({ headers: OWNER_AUTH, url });
      expect([res.statusCode, errorCode(res)]).toEqual([400, 'invalid_query']);
    }
  });

  it('GET /api/orders/:id returns one order or 404', async () => {
    const order = await created();
    expect(
      (await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/${order.id}` })).json<Order>(),
    ).toEqual(order);
    for (const id of [uuidv7(), 'nope']) {
      const res = await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/${id}` });
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'not_found']);
    }
  });
});

describe('GET /api/orders/changes', () => {
  it('pages with limit, more and cursor; an order changed several times appears once at its latest seq', async () => {
    const since = await seqNow();
    const a = await created();
    const b = await created();
    await patchOrder(t.app, a.id, { status: 'preparing' });
    const latestA = (await patchOrder(t.app, a.id, { status: 'ready' })).json<Order>();
    const c = await created();
    const page1 = (
      await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/changes?since=${since}&limit=2` })
    ).json<ChangesResponse>();
    expect(page1.orders.map((o) => o.id)).toEqual([b.id, a.id]);
    expect(page1.orders[1]).toEqual(latestA);
    expect(page1).toMatchObject({ cursor: latestA.seq, more: true, reset: false });
    const page2 = (
      await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/changes?since=${page1.cursor}&limit=2` })
    ).json<ChangesResponse>();
    expect(page2.orders.map((o) => o.id)).toEqual([c.id]);
    expect(page2).toMatchObject({ cursor: c.seq, more: false, reset: false });
    const empty = (
      await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/changes?since=${page2.cursor}` })
    ).json<ChangesResponse>();
    expect(empty).toEqual({ orders: [], cursor: page2.cursor, more: false, reset: false });
  });

  it('a cursor beyond the current seq (another database) answers reset with the active set', async () => {
    const head = await seqNow();
    const res = (
      await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/changes?since=${head + 1000}` })
    ).json<ChangesResponse>();
    expect(res.reset).toBe(true);
    expect(res.cursor).toBe(head);
    expect(res.orders.every((o) => ['pending', 'preparing', 'ready'].includes(o.status))).toBe(true);
  });

  it('bad since/limit are 400 invalid_query', async () => {
    for (const q of ['since=-1', 'since=abc', 'limit=0', 'limit=1001', 'since=1&since=2', 'foo=1']) {
      const res = await t.app.inject({ headers: OWNER_AUTH, url: `/api/orders/changes?${q}` });
      expect([q, res.statusCode, errorCode(res)]).toEqual([q, 400, 'invalid_query']);
    }
  });
});

describe('transport errors', () => {
  it('a body over 64 KiB is 413 payload_too_large', async () => {
    const body = createBody({ note: 'x'.repeat(70 * 1024) });
    const res = await postOrder(t.app, body);
    expect([res.statusCode, errorCode(res)]).toEqual([413, 'payload_too_large']);
    expect(res.headers['x-orderline-api']).toBe('1');
  });

  it('a non-JSON content type is 415 unsupported_media_type', async () => {
    const body = createBody();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...OWNER_AUTH, 'content-type': 'text/plain', 'idempotency-key': body.id },
      payload: JSON.stringify(body),
    });
    expect([res.statusCode, errorCode(res)]).toEqual([415, 'unsupported_media_type']);
    expect(res.headers['x-orderline-api']).toBe('1');
  });

  it('malformed JSON is 400 invalid_body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': uuidv7() },
      payload: '{"id": ',
    });
    expect([res.statusCode, errorCode(res)]).toEqual([400, 'invalid_body']);
    expect(res.headers['x-orderline-api']).toBe('1');
  });

  it('an unknown /api route is a JSON 404 with the API header', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['DELETE', '/api/orders'],
      ['POST', '/api'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'not_found']);
      expect(res.headers['x-orderline-api']).toBe('1');
    }
  });

  it('without a build, / says to run npm run build; /healthz and /metrics answer', async () => {
    expect((await t.app.inject({ headers: OWNER_AUTH, url: '/' })).body).toContain('npm run build');
    expect((await t.app.inject({ headers: OWNER_AUTH, url: '/healthz' })).json()).toEqual({
      ok: true,
      db: 'pglite',
    });
    const metrics = (await t.app.inject({ headers: OWNER_AUTH, url: '/metrics' })).body;
    expect(metrics).toContain('orderline_orders_created_total');
    expect(metrics).toContain('orderline_idempotent_replays_total{kind="create"}');
    expect(metrics).toContain('orderline_sse_clients');
    expect(metrics).toContain('orderline_push_fanout_seconds');
  });
});

describe('rate limiting', () => {
  it('answers 429 rate_limited with Retry-After and the API header once a client exceeds its limit', async () => {
    const limited = await buildApp({
      store: t.store,
      rateLimit: { max: 2, timeWindowMs: 60_000 },
      adminToken: TEST_ADMIN_TOKEN,
    });
    try {
      for (let i = 0; i < 2; i++)
        expect((await limited.inject({ headers: OWNER_AUTH, url: '/api/menu' })).statusCode).toBe(200);
      const res = await limited.inject({ headers: OWNER_AUTH, url: '/api/menu' });
      expect([res.statusCode, errorCode(res)]).toEqual([429, 'rate_limited']);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.headers['x-orderline-api']).toBe('1');
    } finally {
      await limited.close();
    }
  });
});

describe('static files', () => {
  it('serves hashed assets immutable, the shell and sw.js no-cache, and falls back to index.html', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'orderline-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>Orderline</title>');
    await writeFile(join(dist, 'assets', 'index-AbC123.js'), 'console.log(1)');
    await writeFile(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    await writeFile(join(dist, 'manifest.webmanifest'), '{}');
    const site = await buildApp({
      store: t.store,
      rateLimit: false,
      distDir: dist,
      adminToken: TEST_ADMIN_TOKEN,
    });
    try {
      const asset = await site.inject({ url: '/assets/index-AbC123.js' });
      expect([asset.statusCode, asset.headers['cache-control']]).toEqual([
        200,
        'public, max-age=31536000, immutable',
      ]);
      for (const url of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
        const res = await site.inject({ url });
        expect([url, res.statusCode, res.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
      }
      const spa = await site.inject({ url: '/diagnostics' });
      expect([spa.statusCode, spa.headers['cache-control']]).toEqual([200, 'no-cache']);
      expect(spa.body).toContain('<title>Orderline</title>');
      const api = await site.inject({ url: '/api/unknown' });
      expect([api.statusCode, errorCode(api), api.headers['x-orderline-api']]).toEqual([
        404,
        'not_found',
        '1',
      ]);
    } finally {
      await site.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
});
