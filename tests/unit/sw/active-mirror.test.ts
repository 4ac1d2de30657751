// The worker's in-memory active orders: exact only at the rev it has seen every broadcast up to; and through
// the real engine, `hello` answers from it while it is exact and reads IndexedDB again when it is not.
import { afterEach, describe, expect, it } from 'vitest';
import type { Broadcast } from '../../../protocol/messages.ts';
import type { ClientOrder, Order } from '../../../protocol/order.ts';
import { createActiveMirror } from '../../../sw/active-mirror.ts';
import { createEngineContext } from '../../../sw/engine-context.ts';
import { readSnapshot } from '../../../sw/snapshot.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi } from './fake-api.ts';
import { ordersBroadcast as orders, syncedStatus } from './broadcast-fixtures.ts';

const api = createFakeApi();
const view = (order: Order | ClientOrder, patch: Partial<ClientOrder> = {}): ClientOrder => ({
  ...order,
  syncState: 'saved',
  ...patch,
});
const [older, newer, newest] = [api.remoteOrder(), api.remoteOrder(), api.remoteOrder()].map((o) => view(o));

const sync = (rev: number): Broadcast => ({ v: 1, type: 'sync', rev, ...syncedStatus() });
const ids = (list: ClientOrder[] | null) => list?.map((order) => order.number) ?? null;

describe('active mirror', () => {
  it('answers nothing until filled, and only at the rev it is exact at', () => {
    const mirror = createActiveMirror();
    expect(mirror.ordersAt(0)).toBeNull();
    mirror.fill([newer!, older!], 4);
    expect(ids(mirror.ordersAt(4))).toEqual([newer!.number, older!.number]);
    expect(mirror.ordersAt(3)).toBeNull();
    expect(mirror.ordersAt(5)).toBeNull();
  });

  it('applies each broadcast in rev order, newest first, as a tab does', () => {
    const mirror = createActiveMirror();
    mirror.fill([older!], 1);
    mirror.saw(orders(1, { added: [newest!] })); // already in the read
    mirror.saw(orders(2, { added: [newest!, newer!] }));
    mirror.saw(sync(3));
    expect(ids(mirror.ordersAt(3))).toEqual([newest!.number, newer!.number, older!.number]);

    const ready = view(newer!, { status: 'ready' });
    const completed = view(newest!, { status: 'completed' });
    mirror.saw(orders(4, { updated: [{ order: ready, changes: { status: 'ready' } }] }));
    mirror.saw(orders(5, { updated: [{ order: completed, changes: { status: 'completed' } }] }));
    mirror.saw(orders(6, { removed: [{ orderId: older!.id, reason: 'cancelled' }] }));
    expect(mirror.ordersAt(6)).toEqual([ready]);
  });

  it('forgets everything at a gap in the revs, and takes the next fill', () => {
    const mirror = createActiveMirror();
    mirror.fill([older!], 1);
    mirror.saw(orders(3, { added: [newer!] })); // rev 2 never seen
    expect(mirror.ordersAt(1)).toBeNull();
    expect(mirror.ordersAt(3)).toBeNull();
    mirror.saw(orders(4, { added: [newest!] })); // nothing to apply it to
    expect(mirror.ordersAt(4)).toBeNull();
    mirror.fill([newest!, newer!], 4);
    expect(ids(mirror.ordersAt(4))).toEqual([newest!.number, newer!.number]);
  });

  it('hands out a new array each time, so a caller cannot change what the next tab gets', () => {
    const mirror = createActiveMirror();
    mirror.fill([newer!, older!], 1);
    mirror.ordersAt(1)!.pop();
    expect(mirror.ordersAt(1)).toHaveLength(2);
  });
});

describe('hello from the mirror, through the real engine', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
    expect(h.errors).toEqual([]);
  });

  /** What IndexedDB holds, read by a context of its own (no mirror). */
  async function stored() {
    const ctx = createEngineContext(h.deps);
    try {
      return await readSnapshot(ctx);
    } finally {
      await ctx.stop();
    }
  }

  it('serves what IndexedDB holds after intents, pushes and finished orders', async () => {
    const server = createFakeApi();
    h = createHarness(server.handler);
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect((await h.request({ v: 1, type: 'hello' })).orders).toHaveLength(1); // fills the mirror

    const placed = await h.request({ v: 1, type: 'create-order', draft: draft('espresso', 'Grace') });
    await h.request({ v: 1, type: 'set-status', id: placed.id, status: 'ready' });
    const remote = server.remoteOrder();
    await h.request({ v: 1, type: 'push', cursor: server.seq, orders: [remote] });
    await h.engine.settled();
    await h.request({ v: 1, type: 'set-status', id: placed.id, status: 'completed' });
    await h.engine.settled();

    const served = await h.request({ v: 1, type: 'hello' });
    const read = await stored();
    expect(served.rev).toBe(read.rev);
    expect(served.orders).toEqual(read.orders);
    expect(served.orders.map((o) => o.id)).toContain(remote.id);
    expect(served.orders.map((o) => o.id)).not.toContain(placed.id);
  });

  it('answers from memory while exact, and reads IndexedDB again once another writer moved the rev', async () => {
    h = createHarness(createFakeApi().handler);
    const placed = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    await h.request({ v: 1, type: 'hello' });

    // Behind this engine's back (as another version of the worker would): the record goes, no broadcast here.
    const db = await h.deps.openDb(() => {});
    await db.delete('orders', placed.id);
    expect((await h.request({ v: 1, type: 'hello' })).orders.map((o) => o.id)).toEqual([placed.id]);

    // That writer also moved the rev, as every write that changes the active set does: now IDB is read.
    await db.put('meta', Number((await db.get('meta', 'rev')) ?? 0) + 1, 'rev');
    db.close();
    expect((await h.request({ v: 1, type: 'hello' })).orders).toEqual([]);
  });
});
