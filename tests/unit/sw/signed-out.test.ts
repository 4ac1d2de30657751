// Signed out is not a failure of the order (DESIGN.md Part 2, principle 13): a 401 keeps the outbox untouched
// and stops flushing and polling; `paired` drains it exactly once; a 403 is still a dead letter.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncBroadcast } from '../../../protocol/messages.ts';
import type { OutboxEntry } from '../../../sw/db.ts';
import { apiResponse, createHarness, draft, TEST_DEVICE, type Harness } from './engine-harness.ts';
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

async function outbox(): Promise<OutboxEntry[]> {
  const db = await h.deps.openDb(() => undefined);
  return db.getAll('outbox');
}

function lastSync(): SyncBroadcast | undefined {
  return h.broadcasts.filter((b): b is SyncBroadcast => b.type === 'sync').at(-1);
}

/**
 * Three orders created while the server is unreachable, then the server comes back having revoked us and
 * the outbox is tried again. Returns the order ids and the outbox as it was before the server said 401.
 */
async function threeKeptOrders(): Promise<{ ids: string[]; before: OutboxEntry[]; upAt: number }> {
  api.down = true;
  const ids: string[] = [];
  for (const customer of ['Ada', 'Bo', 'Cy']) {
    ids.push((await h.request({ v: 1, type: 'create-order', draft: draft('flat-white', customer) })).id);
  }
  await h.engine.settled();
  const before = await outbox();
  const upAt = api.log.length;
  api.down = false;
  api.revoked = true;
  h.clock.now += 60_000; // past any backoff
  h.timers.runDue();
  await h.engine.settled();
  return { ids, before, upAt };
}

describe('a 401 signs the device out', () => {
  it('keeps every outbox entry untouched: no attempt counted, no dead letter', async () => {
    setup();
    const { before, upAt } = await threeKeptOrders();
    // The browser's `online` event on top: still nothing may count against the entries.
    await h.engine.serverMaybeBack();
    await h.engine.settled();
    const after = await outbox();
    // One request found out (the probe); the other two orders were not tried against a 401.
    expect(api.log.slice(upAt).filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(after.map((e) => ({ state: e.state, attempts: e.attempts, dead: e.deadLetter }))).toEqual(
      before.map((e) => ({ state: 'waiting', attempts: e.attempts, dead: null })),
    );
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync).toMatchObject({
      auth: 'signed-out',
      device: TEST_DEVICE,
      waiting: 3,
      needsAttention: [],
    });
    expect(lastSync()).toMatchObject({ auth: 'signed-out', waiting: 3 });
    expect(snapshot.orders.every((o) => o.syncState === 'waiting')).toBe(true);
  });

  it('stops flushing and polling: ticks, sync-now and new intents send nothing', async () => {
    setup();
    await threeKeptOrders();
    await h.engine.serverMaybeBack();
    await h.engine.settled();
    const sent = api.log.length;
    for (let i = 0; i < 5; i += 1) {
      h.clock.now += 30_000;
      h.timers.runDue();
      await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
      await h.engine.settled();
    }
    // A signed-out device that still holds its identity keeps queueing (the order is kept for re-pairing).
    const late = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect(api.log.slice(sent)).toEqual([]);
    expect(late.deviceId).toBe(TEST_DEVICE.id);
    expect((await h.request({ v: 1, type: 'hello' })).sync.waiting).toBe(4);
  });

  it('a 401 on the changes feed signs out too, and a never-paired browser is unpaired, not signed out', async () => {
    setup();
    api.revoked = true;
    await h.request({ v: 1, type: 'sync-now', reason: 'manual' });
    await h.engine.settled();
    expect((await h.request({ v: 1, type: 'hello' })).sync.auth).toBe('signed-out');
    await h.close();

    api = createFakeApi();
    api.revoked = true;
    h = createHarness(api.handler, { pairedAs: null });
    await h.engine.start();
    expect((await h.request({ v: 1, type: 'hello' })).sync).toMatchObject({ auth: 'unpaired', device: null });
    expect(api.log.map((r) => r.path)).toEqual(['/api/me']);
  });

  it('a worker that starts with a revoked credential sends no outbox entry', async () => {
    setup();
    api.down = true;
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    await h.restart();
    api.down = false;
    api.revoked = true;
    api.log.length = 0;
    await h.engine.start();
    expect(api.log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/me']);
    expect((await h.request({ v: 1, type: 'hello' })).sync).toMatchObject({ auth: 'signed-out', waiting: 1 });
  });
});

describe('paired again', () => {
  it('drains the kept outbox exactly once, with the orders keeping their device id', async () => {
    setup();
    const { ids } = await threeKeptOrders();
    await h.engine.serverMaybeBack();
    await h.engine.settled();
    api.revoked = false;
    api.log.length = 0;
    const identity = await h.request({ v: 1, type: 'paired' });
    await h.engine.settled();
    // A second tab saying `paired` too must not send anything twice.
    await h.request({ v: 1, type: 'paired' });
    await h.engine.settled();
    expect(identity).toEqual(TEST_DEVICE);
    // Sent once (alone or in a batch): the server holds exactly these orders, and nothing waits.
    expect([...api.orders.keys()].sort()).toEqual([...ids].sort());
    expect([...api.orders.values()].map((o) => o.deviceId)).toEqual(ids.map(() => TEST_DEVICE.id));
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync).toMatchObject({ auth: 'paired', waiting: 0, needsAttention: [] });
    expect(snapshot.orders.every((o) => o.syncState === 'saved')).toBe(true);
  });

  it('stores the identity the server names (a new code numbers the next orders)', async () => {
    api = createFakeApi();
    h = createHarness(api.handler, { pairedAs: null });
    api.identity = { ...TEST_DEVICE, code: 'K', role: 'kitchen', name: 'Pass' };
    expect(await h.request({ v: 1, type: 'paired' })).toMatchObject({ code: 'K', role: 'kitchen' });
    expect(lastSync()).toMatchObject({ auth: 'paired', device: { code: 'K', name: 'Pass' } });
    expect((await h.request({ v: 1, type: 'create-order', draft: draft() })).number).toBe('K-001');
  });

  it('is refused as data when the server still says 401, and the device stays signed out', async () => {
    setup();
    await threeKeptOrders();
    const reply = await h.engine.handle({ v: 1, type: 'paired' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_paired' } });
    expect((await h.request({ v: 1, type: 'hello' })).sync).toMatchObject({ auth: 'signed-out', waiting: 3 });
  });
});

describe('a 403', () => {
  it('stays a dead letter carrying the server message', async () => {
    setup();
    api.scripted.push(
      apiResponse(403, { error: { code: 'forbidden', message: 'a kitchen device cannot create orders' } }),
    );
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.sync.auth).toBe('paired');
    expect(snapshot.sync.needsAttention).toMatchObject([
      {
        kind: 'create',
        httpStatus: 403,
        code: 'forbidden',
        message: 'a kitchen device cannot create orders',
      },
    ]);
  });
});
