// An IndexedDB transaction failing midway (issue #15): one put inside the engine's transaction fails while it
// applies a changes page, a reset snapshot, or a server answer that removes an outbox entry. The whole
// transaction must roll back (no cursor past data not stored, no entry removed without its answer stored, no
// broadcast of what never committed), the failure must be reported, and the next sync must finish the job with
// nothing lost and nothing duplicated. Each test asserts the fault was injected (counted).
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';
import { failPut, INJECTED_MESSAGE, type PutFault, type PutFaultMode } from './idb-put-fault.ts';

let h: Harness;
let api: FakeApi;
let fault: PutFault | null = null;

function setup(): void {
  api = createFakeApi();
  h = createHarness(api.handler);
}

afterEach(async () => {
  fault?.restore();
  fault = null;
  await h.close();
});

/** An order another device created on the server. */
const remoteOrder = (): Order => api.remoteOrder({ prefix: 'Y' });

async function syncNow(): Promise<void> {
  await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
  await h.engine.settled();
}

async function cache(): Promise<{ ids: string[]; cursor: number }> {
  const snapshot = await h.request({ v: 1, type: 'hello' });
  return { ids: snapshot.orders.map((o) => o.id).sort(), cursor: snapshot.cursor };
}

/**
 * The injected failures the engine reported (its background work hands errors to reportError), each once:
 * a flush awaited by two callers reports the same error object to both.
 */
function reportedFailures(): unknown[] {
  return [...new Set(h.errors)].filter((error) => String(error).includes(INJECTED_MESSAGE) || isAbort(error));
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

describe.each<PutFaultMode>(['throw', 'abort'])('an IndexedDB put failing midway (%s)', (mode) => {
  // The bookkeeping puts (sync status, then rev) come last in an intent's transaction: their failure must still
  // undo the intent and keep it from every tab, with nothing left unhandled (vitest fails on an unhandled
  // rejection). A create puts to meta: ticket counter, sync status, rev.
  it.each([
    ['sync', 1],
    ['rev', 2],
  ])('an intent whose %s put fails is stored not at all and broadcast to no tab', async (key, skip) => {
    setup();
    api.down = true;
    // The database is open (this device paired) and the hello's own counting done before the fault.
    await h.request({ v: 1, type: 'hello' });
    await h.engine.settled();
    const deltasBefore = h.ordersDeltas().length;
    fault = failPut({ store: 'meta', skip, mode });
    await expect(h.request({ v: 1, type: 'create-order', draft: draft() })).rejects.toThrow();
    expect(fault.keys).toEqual([key]);
    expect(h.ordersDeltas()).toHaveLength(deltasBefore);
    expect((await h.request({ v: 1, type: 'hello' })).orders).toEqual([]);
    expect((await h.request({ v: 1, type: 'diagnostics' })).outboxDepth).toBe(0);
    // The next intent is numbered as if the failed one never happened, and goes through.
    const placed = await h.request({ v: 1, type: 'create-order', draft: draft() });
    expect((await h.request({ v: 1, type: 'hello' })).orders.map((o) => o.id)).toEqual([placed.id]);
  });

  it('a reset snapshot rolls back whole, and the next pull stores it', async () => {
    setup();
    const remote = [remoteOrder(), remoteOrder(), remoteOrder()];
    // The second order of the snapshot fails: the first was already put in the same transaction.
    fault = failPut({ store: 'orders', skip: 1, mode });
    await syncNow();
    expect(fault.injected).toBe(1);
    expect(reportedFailures(), String(h.errors)).toHaveLength(1);
    expect(await cache()).toEqual({ ids: [], cursor: 0 });
    expect(h.ordersDeltas()).toEqual([]);

    await syncNow();
    expect(fault.injected).toBe(1);
    expect(await cache()).toEqual({ ids: remote.map((o) => o.id).sort(), cursor: 3 });
    expect(reportedFailures()).toHaveLength(1);
    expect(h.errors.every((error) => reportedFailures().includes(error))).toBe(true);
  });

  it('a changes page rolls back whole: the cursor does not pass orders that were not stored', async () => {
    setup();
    const first = [remoteOrder(), remoteOrder()];
    await syncNow();
    expect(await cache()).toEqual({ ids: first.map((o) => o.id).sort(), cursor: 2 });
    const deltasBefore = h.ordersDeltas().length;

    const later = [remoteOrder(), remoteOrder(), remoteOrder()];
    api.touch(first[0]!.id, { status: 'preparing' });
    fault = failPut({ store: 'orders', skip: 1, mode });
    await syncNow();
    expect(fault.injected).toBe(1);
    expect(reportedFailures(), String(h.errors)).toHaveLength(1);
    // Neither the order put before the failure nor the cursor committed, and no tab heard of them.
    expect(await cache()).toEqual({ ids: first.map((o) => o.id).sort(), cursor: 2 });
    expect(h.ordersDeltas()).toHaveLength(deltasBefore);

    await syncNow();
    const after = await h.request({ v: 1, type: 'hello' });
    expect(after.cursor).toBe(api.seq);
    expect(after.orders.map((o) => o.id).sort()).toEqual([...first, ...later].map((o) => o.id).sort());
    expect(after.orders.find((o) => o.id === first[0]!.id)?.status).toBe('preparing');
    expect(reportedFailures()).toHaveLength(1);
    expect(h.errors.every((error) => reportedFailures().includes(error))).toBe(true);
  });

  it('a create’s answer is not half-recorded: the entry stays until its answer is stored, then goes once', async () => {
    setup();
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    api.down = false;
    // The settle deletes the outbox entry first, then puts the confirmed order: that put fails.
    fault = failPut({ store: 'orders', skip: 0, mode });
    await syncNow();
    expect(fault.injected).toBe(1);
    expect(reportedFailures(), String(h.errors)).toHaveLength(1);
    expect(api.orders.size).toBe(1);
    // The deletion rolled back with the failed put: the order still waits to be confirmed.
    const stillWaiting = await h.request({ v: 1, type: 'diagnostics' });
    expect(stillWaiting.outboxDepth).toBe(1);
    expect((await h.request({ v: 1, type: 'hello' })).orders[0]?.syncState).toBe('waiting');

    await syncNow();
    const creates = api.mutations.filter((m) => m.method === 'POST' && m.key === order.id);
    expect(creates.length).toBe(2); // sent again under the same key …
    expect(api.orders.size).toBe(1); // … and the server kept one order
    const done = await h.request({ v: 1, type: 'hello' });
    expect(done.orders.map((o) => [o.id, o.syncState])).toEqual([[order.id, 'saved']]);
    expect((await h.request({ v: 1, type: 'diagnostics' })).outboxDepth).toBe(0);
    expect(reportedFailures()).toHaveLength(1);
    expect(h.errors.every((error) => reportedFailures().includes(error))).toBe(true);
  });
});
