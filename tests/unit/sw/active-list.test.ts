// The `active-list` record a starting page reads instead of every order record (sw/active-list-keeper.ts,
// readStartSnapshot in sw/snapshot.ts): written a moment after the list changed, trusted only while no order
// changed after the rev it is exact at; a page's start snapshot always equals what `hello` answers.
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../protocol/messages.ts';
import { ACTIVE_LIST_DELAY_MS } from '../../../sw/active-list-keeper.ts';
import { ACTIVE_LIST_KEY, ALL_STORES, openOrderlineDb } from '../../../sw/db.ts';
import { readStartSnapshot } from '../../../sw/snapshot.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi } from './fake-api.ts';

let h: Harness | null = null;
let dbCount = 0;

afterEach(async () => {
  await h?.close();
  h = null;
});

async function startRead(
  dbName: string,
): Promise<{ snapshot: Snapshot; record: 'fresh' | 'stale' | 'none' }> {
  const db = await openOrderlineDb(dbName);
  try {
    const tx = db.transaction([...ALL_STORES, 'active-list'], 'readonly');
    const [record, ordersRev] = await Promise.all([
      tx.objectStore('active-list').get(ACTIVE_LIST_KEY),
      tx.objectStore('meta').get('ordersRev') as Promise<number | undefined>,
    ]);
    const state = record === undefined ? 'none' : record.rev >= (ordersRev ?? Infinity) ? 'fresh' : 'stale';
    return {
      snapshot: await readStartSnapshot(db.transaction([...ALL_STORES, 'active-list'], 'readonly')),
      record: state,
    };
  } finally {
    db.close();
  }
}

/** Lets the keeper's delay pass and its write land (its timer runs on the harness's manual clock). */
async function letKeeperWrite(harness: Harness, dbName: string): Promise<void> {
  await harness.engine.settled();
  for (let i = 0; i < 200; i++) {
    harness.clock.now += ACTIVE_LIST_DELAY_MS;
    harness.timers.runDue();
    if ((await startRead(dbName)).record === 'fresh') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the active-list record was not written');
}

describe('active-list record', () => {
  it('is written after the list changed, and a start read from it equals hello', async () => {
    const dbName = `active-list-${process.pid}-${++dbCount}`;
    h = createHarness(createFakeApi().handler, { dbName });
    for (const name of ['Ada', 'Grace', 'Edsger'])
      await h.request({ v: 1, type: 'create-order', draft: draft('flat-white', name) });
    expect((await startRead(dbName)).record).toBe('none');
    await letKeeperWrite(h, dbName);
    const { snapshot, record } = await startRead(dbName);
    expect(record).toBe('fresh');
    expect(snapshot.orders.map((o) => o.customerName)).toEqual(['Edsger', 'Grace', 'Ada']);
    expect(snapshot).toEqual(await h.request({ v: 1, type: 'hello' }));
  });

  it('older than the last change of the orders is not used: the start read takes the records', async () => {
    const dbName = `active-list-${process.pid}-${++dbCount}`;
    h = createHarness(createFakeApi().handler, { dbName });
    const first = await h.request({ v: 1, type: 'create-order', draft: draft('flat-white', 'Ada') });
    await h.request({ v: 1, type: 'create-order', draft: draft('flat-white', 'Grace') });
    await letKeeperWrite(h, dbName);
    // The worker is stopped before its keeper writes again: the record still holds the old list.
    await h.request({ v: 1, type: 'set-status', id: first.id, status: 'preparing' });
    await h.request({ v: 1, type: 'create-order', draft: draft('flat-white', 'Barbara') });
    await h.engine.settled();
    await h.restart();
    const { snapshot, record } = await startRead(dbName);
    expect(record).toBe('stale');
    expect(snapshot.orders.map((o) => [o.customerName, o.status])).toEqual([
      ['Barbara', 'pending'],
      ['Grace', 'pending'],
      ['Ada', 'preparing'],
    ]);
    expect(snapshot).toEqual(await h.request({ v: 1, type: 'hello' }));
  });

  it('a restarted worker rewrites a stale record without waiting for the next change', async () => {
    const dbName = `active-list-${process.pid}-${++dbCount}`;
    h = createHarness(createFakeApi().handler, { dbName });
    await h.request({ v: 1, type: 'create-order', draft: draft('flat-white', 'Ada') });
    await h.engine.settled();
    await h.restart(); // stopped before the keeper wrote
    expect((await startRead(dbName)).record).toBe('none');
    await h.engine.start();
    h.clock.now += 2_000;
    h.timers.runDue();
    await letKeeperWrite(h, dbName);
    expect((await startRead(dbName)).snapshot.orders.map((o) => o.customerName)).toEqual(['Ada']);
  });
});
