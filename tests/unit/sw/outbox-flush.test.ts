// Outbox policy: per-order order, dead letters block only their order, retry/discard, one flusher sending
// different orders concurrently, Retry-After pauses everything, backoff cut short when the server is seen again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiResponse, createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';

let h: Harness;
let api: FakeApi;

function setup(): void {
  api = createFakeApi();
  h = createHarness(api.handler);
}

afterEach(async () => {
  await h.close();
  expect(h.errors).toEqual([]);
});

const writes = () => api.log.filter((r) => r.method !== 'GET' && !r.path.startsWith('/api/devices'));

describe('ordering', () => {
  it('an update waits for its order create', async () => {
    setup();
    api.scripted.push(apiResponse(503, { error: { code: 'unavailable', message: 'busy' } }));
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.request({ v: 1, type: 'set-status', id: order.id, status: 'preparing' });
    await h.engine.settled();
    expect(writes().map((r) => r.method)).toEqual(['POST']);
    h.clock.now += 1_000;
    h.timers.runDue();
    await h.engine.settled();
    expect(writes().map((r) => r.method)).toEqual(['POST', 'POST', 'PATCH']);
    expect(api.orders.get(order.id)?.status).toBe('preparing');
  });

  it('entries go in the order they were made', async () => {
    setup();
    api.down = true;
    const a = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const b = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.request({ v: 1, type: 'mark-paid', id: a.id });
    await h.engine.settled();
    api.down = false;
    api.log.length = 0;
    await h.request({ v: 1, type: 'sync-now', reason: 'manual' });
    await h.engine.settled();
    expect(api.mutations.map((r) => `${r.method} ${r.key}`)).toEqual([
      `POST ${a.id}`,
      `POST ${b.id}`,
      expect.stringMatching(/^PATCH /),
    ]);
  });
});

describe('dead letters', () => {
  it('block only later changes of their own order, and are shown with the server message', async () => {
    setup();
    const bad = await h.request({ v: 1, type: 'create-order', draft: draft('poison') });
    await h.request({ v: 1, type: 'set-status', id: bad.id, status: 'preparing' });
    const good = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.request({ v: 1, type: 'set-status', id: good.id, status: 'preparing' });
    await h.engine.settled();
    expect(api.orders.get(good.id)?.status).toBe('preparing');
    expect(api.mutations.filter((r) => r.path.includes(bad.id))).toEqual([]);
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync.waiting).toBe(1);
    expect(snapshot.sync.needsAttention).toEqual([
      expect.objectContaining({
        orderId: bad.id,
        kind: 'create',
        httpStatus: 422,
        message: 'not on the menu: poison',
      }),
    ]);
    expect(snapshot.orders.find((o) => o.id === bad.id)?.syncState).toBe('attention');
  });

  it('discarding a failed create removes the order and its queued changes', async () => {
    setup();
    const bad = await h.request({ v: 1, type: 'create-order', draft: draft('poison') });
    await h.request({ v: 1, type: 'set-status', id: bad.id, status: 'preparing' });
    await h.engine.settled();
    const [letter] = (await h.request({ v: 1, type: 'hello' })).sync.needsAttention;
    await h.request({ v: 1, type: 'discard', mutationId: letter?.mutationId ?? '' });
    expect(h.ordersDeltas().at(-1)?.removed).toEqual([{ orderId: bad.id, reason: 'discarded' }]);
    const after = await h.request({ v: 1, type: 'hello' });
    expect(after.orders).toEqual([]);
    expect(after.sync).toMatchObject({ waiting: 0, needsAttention: [] });
  });

  it('discarding a failed change reverts the order to the server state', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    api.scripted.push(apiResponse(400, { error: { code: 'invalid_body', message: 'status: nope' } }));
    await h.request({ v: 1, type: 'set-status', id: order.id, status: 'ready' });
    await h.engine.settled();
    const before = await h.request({ v: 1, type: 'hello' });
    expect(before.orders[0]).toMatchObject({ status: 'ready', syncState: 'attention' });
    await h.request({ v: 1, type: 'discard', mutationId: before.sync.needsAttention[0]?.mutationId ?? '' });
    const after = await h.request({ v: 1, type: 'hello' });
    expect(after.orders[0]).toMatchObject({ status: 'pending', syncState: 'saved' });
    expect(h.ordersDeltas().at(-1)?.updated[0]?.changes).toMatchObject({
      status: 'pending',
      syncState: 'saved',
    });
  });

  it('retry sends a dead letter again and it can succeed', async () => {
    setup();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    api.scripted.push(apiResponse(422, { error: { code: 'idempotency_mismatch', message: 'odd' } }));
    await h.request({ v: 1, type: 'mark-paid', id: order.id });
    await h.engine.settled();
    const letter = (await h.request({ v: 1, type: 'hello' })).sync.needsAttention[0];
    expect(letter?.kind).toBe('paid');
    await h.request({ v: 1, type: 'retry', mutationId: letter?.mutationId ?? '' });
    await h.engine.settled();
    expect(api.orders.get(order.id)?.paid).toBe(true);
    expect((await h.request({ v: 1, type: 'hello' })).sync.needsAttention).toEqual([]);
  });

  it('only a dead letter can be discarded', async () => {
    setup();
    api.down = true;
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    const reply = await h.engine.handle({ v: 1, type: 'discard', mutationId: 'unknown' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('one flusher, orders in parallel', () => {
  it('two kicks at once never send the same entry twice at the same time', async () => {
    setup();
    let release = (): void => undefined;
    api.hold = new Promise((resolve) => (release = resolve));
    const a = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const b = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const kicks = Promise.all([
      h.request({ v: 1, type: 'sync-now', reason: 'manual' }),
      h.engine.serverMaybeBack(),
      h.request({ v: 1, type: 'mark-paid', id: a.id }),
    ]);
    // Let every kick reach the (held) server before releasing it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    api.hold = null;
    release();
    await kicks;
    await h.engine.settled();
    expect(api.maxInFlightPerOrder).toBe(1);
    const posts = api.mutations.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.key)).toEqual([a.id, b.id]);
    expect(api.orders.size).toBe(2);
  });

  it("several orders' creates are in flight together, but an order's create and its change never are", async () => {
    setup();
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    // The server is up but asks for a pause: the next orders queue behind it.
    api.scripted.push(
      apiResponse(503, { error: { code: 'unavailable', message: 'later' } }, { 'retry-after': '10' }),
    );
    const orders = [];
    for (let i = 0; i < 4; i += 1)
      orders.push(await h.request({ v: 1, type: 'create-order', draft: draft() }));
    const last = orders[3];
    if (!last) throw new Error('no order');
    await h.request({ v: 1, type: 'set-status', id: last.id, status: 'preparing' });
    await h.engine.settled();
    let release = (): void => undefined;
    api.hold = new Promise((resolve) => (release = resolve));
    h.clock.now += 10_000;
    h.timers.runDue();
    await vi.waitFor(() => expect(api.inFlight).toBe(4));
    // Every create is out; the status change still waits for its create's answer.
    expect(api.mutations.filter((r) => r.method === 'PATCH')).toEqual([]);
    api.hold = null;
    release();
    await h.engine.settled();
    expect(api.maxInFlightPerOrder).toBe(1);
    expect(api.orders.size).toBe(5);
    expect(api.orders.get(last.id)?.status).toBe('preparing');
    expect((await h.request({ v: 1, type: 'hello' })).sync.waiting).toBe(0);
  });
  it('answers that arrive together are recorded in one transaction with one orders delta', async () => {
    setup();
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    api.scripted.push(
      apiResponse(503, { error: { code: 'unavailable', message: 'later' } }, { 'retry-after': '10' }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1)
      ids.push((await h.request({ v: 1, type: 'create-order', draft: draft() })).id);
    await h.engine.settled();
    let release = (): void => undefined;
    api.hold = new Promise((resolve) => (release = resolve));
    h.clock.now += 10_000;
    h.timers.runDue();
    await vi.waitFor(() => expect(api.inFlight).toBe(4));
    const before = h.broadcasts.length;
    api.hold = null;
    release();
    await h.engine.settled();
    const after = h.broadcasts.slice(before);
    const deltas = after.filter((b) => b.type === 'orders');
    // The first answer opens a transaction; the three that land while it runs share the next one.
    expect(deltas.length).toBeLessThan(ids.length);
    const saved = deltas.flatMap((d) => d.updated.filter((u) => u.changes.syncState === 'saved'));
    expect(saved.map((u) => u.order.id).sort()).toEqual([...ids].sort());
    const revs = after.map((b) => b.rev);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(new Set(revs).size).toBe(revs.length);
    expect((await h.request({ v: 1, type: 'hello' })).sync.waiting).toBe(0);
  });
});

describe('retry timing', () => {
  it('while the server asked for a pause (Retry-After), new entries wait too', async () => {
    setup();
    api.scripted.push(
      apiResponse(503, { error: { code: 'unavailable', message: 'later' } }, { 'retry-after': '10' }),
    );
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect(writes()).toHaveLength(1);
    h.clock.now += 9_000;
    h.timers.runDue();
    await h.engine.settled();
    expect(writes()).toHaveLength(1);
    h.clock.now += 1_001;
    h.timers.runDue();
    await h.engine.settled();
    expect(api.orders.size).toBe(2);
  });

  it('backs off after failures and a push from the server cuts the wait short', async () => {
    setup();
    api.down = true;
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    for (let i = 0; i < 5; i += 1) {
      h.clock.now += 60_000;
      h.timers.runDue();
      await h.engine.settled();
    }
    const diagnostics = await h.request({ v: 1, type: 'diagnostics' });
    expect(diagnostics.outboxDepth).toBe(1);
    api.down = false;
    // No clock movement: only the push can make the entry go now.
    await h.request({ v: 1, type: 'push', cursor: 0, orders: [] });
    await h.engine.settled();
    expect(api.orders.size).toBe(1);
    expect((await h.request({ v: 1, type: 'hello' })).sync.waiting).toBe(0);
  });

  it('during an outage new orders and sync ticks wait out the backoff instead of hammering the server', async () => {
    setup();
    api.down = true;
    for (let i = 0; i < 60; i += 1) await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect(writes()).toHaveLength(1);
    // Ten seconds of outage with the leader's ticks and stream errors arriving meanwhile.
    for (let tenth = 0; tenth < 100; tenth += 1) {
      h.clock.now += 100;
      h.timers.runDue();
      if (tenth % 10 === 0) await h.request({ v: 1, type: 'sync-now', reason: 'outbox-tick' });
      if (tenth % 3 === 0) await h.request({ v: 1, type: 'push-status', connected: false });
      await h.engine.settled();
    }
    // Exponential backoff from 0.5 s: about five more attempts in ten seconds, not one per kick.
    expect(writes().length).toBeLessThanOrEqual(7);
    api.down = false;
    await h.request({ v: 1, type: 'push-status', connected: true });
    await h.engine.settled();
    expect(api.orders.size).toBe(60);
  });

  it('a response lost after the server committed is resent and the order exists once', async () => {
    setup();
    let lose = true;
    h.deps.fetch = async (input, init) => {
      const response = await createHarnessFetch(api)(input, init);
      if (lose && init?.method === 'POST' && String(input).endsWith('/api/orders')) {
        lose = false;
        throw new TypeError('connection reset');
      }
      return response;
    };
    await h.restart();
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect((await h.request({ v: 1, type: 'hello' })).orders[0]?.syncState).toBe('waiting');
    await h.request({ v: 1, type: 'sync-now', reason: 'manual' });
    await h.engine.settled();
    expect(api.orders.size).toBe(1);
    expect((await h.request({ v: 1, type: 'hello' })).orders[0]).toMatchObject({
      id: order.id,
      syncState: 'saved',
    });
  });
});

function createHarnessFetch(fake: FakeApi): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const text = typeof init?.body === 'string' ? init.body : undefined;
    return fake.handler({
      method: init?.method ?? 'GET',
      url,
      headers: new Headers(init?.headers),
      body: text === undefined ? undefined : (JSON.parse(text) as unknown),
    });
  };
}
