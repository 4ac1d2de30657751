// POST /api/batch: every mutation answered exactly as its lone request would be, in order, one bad
// mutation never failing the others, replays idempotent (DESIGN.md Part 2, principle 17).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchMutation, BatchResponse, BatchResult } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import {
  OWNER_AUTH,
  createBody,
  createBodyFor,
  memoryApp,
  patchOrder,
  postOrder,
  uuidv7,
  type TestApp,
} from './order-fixtures.ts';
import { pairDevice } from './device-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await memoryApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function batch(mutations: unknown): Promise<{ statusCode: number; results: BatchResult[] }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/batch',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    payload: JSON.stringify({ mutations }),
  });
  return {
    statusCode: res.statusCode,
    results: res.statusCode === 200 ? res.json<BatchResponse>().results : [],
  };
}

function create(body = createBody()): BatchMutation & { op: 'create' } {
  return { op: 'create', key: body.id, body };
}

function patch(orderId: string, body: unknown, key = uuidv7()): BatchMutation {
  return { op: 'patch', key, orderId, body };
}

async function head(): Promise<number> {
  return (await t.app.inject({ url: '/api/orders?status=active', headers: OWNER_AUTH })).json<{
    cursor: number;
  }>().cursor;
}

/** A lone request's answer in the batch result shape, for comparison. */
async function alone(mutation: BatchMutation): Promise<BatchResult> {
  if (mutation.op !== 'create' && mutation.op !== 'patch') throw new Error(`no lone twin for ${mutation.op}`);
  const res =
    mutation.op === 'create'
      ? await postOrder(t.app, mutation.body, mutation.key)
      : await patchOrder(t.app, mutation.orderId, mutation.body, mutation.key);
  const body = res.json<Order & { error?: BatchResult['error'] }>();
  return body.error ? { status: res.statusCode, error: body.error } : { status: res.statusCode, order: body };
}

describe('POST /api/batch', () => {
  it('a batch with one invalid mutation answers the others normally', async () => {
    const a = createBody();
    const c = createBody();
    const bad = createBody({ items: [] });
    const { statusCode, results } = await batch([create(a), create(bad), create(c)]);
    expect(statusCode).toBe(200);
    expect(results.map((r) => r.status)).toEqual([201, 400, 201]);
    expect(results[0]?.order?.id).toBe(a.id);
    expect(results[1]?.error?.code).toBe('invalid_body');
    expect(results[2]?.order?.id).toBe(c.id);
    expect((await t.app.inject({ url: `/api/orders/${bad.id}`, headers: OWNER_AUTH })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/orders/${c.id}`, headers: OWNER_AUTH })).statusCode).toBe(200);
  });

  it('an unknown order, a reused key and duplicate keys inside one batch get their lone answers', async () => {
    const order = createBody();
    const key = uuidv7();
    const { results } = await batch([
      create(order),
      patch(uuidv7(), { status: 'preparing' }),
      patch(order.id, { status: 'preparing' }, key),
      patch(order.id, { status: 'preparing' }, key), // the same key and body again: a replay
      patch(order.id, { status: 'ready' }, key), // the same key, another body: a mismatch
      create(order), // the same create again: a replay
      create({ ...order, customerName: 'Someone else' }), // the same id, another payload
      create(createBody({ items: [{ menuItemId: 'unicorn', qty: 1 }] })),
      { op: 'patch', key: 'not-a-uuid', orderId: order.id, body: { paid: true } },
    ]);
    expect(results.map((r) => [r.status, r.error?.code ?? r.order?.status])).toEqual([
      [201, 'pending'],
      [404, 'not_found'],
      [200, 'preparing'],
      [200, 'preparing'],
      [422, 'idempotency_mismatch'],
      [200, 'preparing'],
      [422, 'idempotency_mismatch'],
      [422, 'unknown_menu_item'],
      [400, 'invalid_idempotency_key'],
    ]);
  });

  it('consecutive creates (one statement) answer as if alone: replays and mismatches of ids taken earlier in the run', async () => {
    const [a, b, c] = [createBody(), createBody(), createBody()];
    const { results } = await batch([
      create(a),
      create(b),
      create(a), // taken by the first: a replay
      create({ ...b, customerName: 'Someone else' }), // taken, another payload
      create(c),
    ]);
    expect(results.map((r) => [r.status, r.error?.code ?? r.order?.id])).toEqual([
      [201, a.id],
      [201, b.id],
      [200, a.id],
      [422, 'idempotency_mismatch'],
      [201, c.id],
    ]);
    // Fresh ids take consecutive seqs in input order, and each has its `created` event at that seq.
    const seqA = results[0]?.order?.seq ?? 0;
    const seqB = results[1]?.order?.seq ?? 0;
    const seqC = results[4]?.order?.seq ?? 0;
    expect([seqB - seqA, seqC - seqB]).toEqual([1, 1]);
    expect(results[2]?.order).toEqual(results[0]?.order);
    const events = await t.store.database.query<{ seq: number | string; order_id: string; kind: string }>(
      'SELECT seq, order_id, kind FROM order_events WHERE order_id = ANY($1::text[]) ORDER BY seq',
      [[a.id, b.id, c.id]],
    );
    expect(events.map((e) => [Number(e.seq), e.order_id, e.kind])).toEqual([
      [seqA, a.id, 'created'],
      [seqB, b.id, 'created'],
      [seqC, c.id, 'created'],
    ]);
    expect(await head()).toBe(seqC);
  });

  it('a create and the changes of that order in one batch apply in order', async () => {
    const order = createBody();
    const { results } = await batch([
      create(order),
      patch(order.id, { status: 'ready' }),
      patch(order.id, { paid: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 200, 200]);
    const seqs = results.map((r) => r.order?.seq ?? 0);
    expect(seqs[1]).toBeGreaterThan(seqs[0] ?? 0);
    expect(seqs[2]).toBeGreaterThan(seqs[1] ?? 0);
    expect(results[2]?.order).toMatchObject({ status: 'ready', paid: true });
  });

  it('100 mutations replayed give the same answers as lone replays, and write nothing', async () => {
    const bodies = Array.from({ length: 50 }, () => createBody());
    const mutations: BatchMutation[] = [
      ...bodies.map((body) => create(body)),
      ...bodies.map((body, i) => patch(body.id, i % 2 === 0 ? { status: 'preparing' } : { paid: true })),
    ];
    expect(mutations).toHaveLength(100);
    const first = await batch(mutations);
    expect(first.results.map((r) => r.status)).toEqual([...Array(50).fill(201), ...Array(50).fill(200)]);
    const before = await head();
    const replay = await batch(mutations);
    expect(replay.results.every((r) => r.status === 200)).toBe(true);
    expect(await head()).toBe(before);
    // Each replayed answer is the one the lone request gets now (the order as it is now).
    for (const [i, mutation] of mutations.entries()) {
      expect(replay.results[i]).toEqual(await alone(mutation));
    }
    expect(await head()).toBe(before);
  }, 120_000);

  it('the changes feed holds each order a batch wrote once, at its latest seq', async () => {
    const before = await head();
    const order = createBody();
    await batch([create(order), patch(order.id, { status: 'preparing' })]);
    const feed = (
      await t.app.inject({ url: `/api/orders/changes?since=${before}`, headers: OWNER_AUTH })
    ).json<{ orders: Order[] }>();
    expect(feed.orders.map((o) => [o.id, o.status])).toEqual([[order.id, 'preparing']]);
  });

  it('judges access per mutation: a kitchen device may move status but not create or mark paid', async () => {
    const kitchen = await pairDevice(t.app, 'kitchen');
    const order = createBody();
    expect((await batch([create(order)])).results[0]?.status).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/batch',
      headers: { ...kitchen.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({
        mutations: [
          create(createBody({ deviceId: kitchen.id })),
          patch(order.id, { status: 'preparing' }),
          patch(order.id, { paid: true }),
        ],
      }),
    });
    expect(res.statusCode).toBe(200);
    const results = res.json<BatchResponse>().results;
    expect(results.map((r) => [r.status, r.error?.code ?? r.order?.status])).toEqual([
      [403, 'forbidden'],
      [200, 'preparing'],
      [403, 'forbidden'],
    ]);
  });

  it("a counter's create for another device's id is device_mismatch, its own goes through", async () => {
    const counterDevice = await pairDevice(t.app, 'counter');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/batch',
      headers: { ...counterDevice.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({
        mutations: [create(createBody()), create(createBodyFor(counterDevice))],
      }),
    });
    expect(res.json<BatchResponse>().results.map((r) => r.error?.code ?? r.status)).toEqual([
      'device_mismatch',
      201,
    ]);
  });

  it('a display device may not call it at all', async () => {
    const display = await pairDevice(t.app, 'display');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/batch',
      headers: { ...display.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ mutations: [create()] }),
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a malformed envelope with 400 and writes nothing', async () => {
    const before = await head();
    const cases: unknown[] = [
      [],
      Array.from({ length: 101 }, () => create()),
      [{ op: 'delete', key: uuidv7(), body: {} }],
      [{ ...create(), extra: 1 }],
      'not a list',
    ];
    for (const mutations of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/batch',
        headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
        payload: JSON.stringify({ mutations }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_body');
    }
    expect(await head()).toBe(before);
  });
});
