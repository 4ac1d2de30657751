// Schema upgrades keep what matters: a v1 database with queued writes still has them after opening at v2,
// and the engine then sends them; a v2 database keeps its made-up device id for pairing at v3.
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openOrderlineDb } from '../../../sw/db.ts';
import { createHarness, draft, TEST_DEVICE } from './engine-harness.ts';
import { createFakeApi } from './fake-api.ts';

describe('schema upgrade', () => {
  it('an upgrade from v1 keeps a non-empty outbox and indexes it', async () => {
    const name = `orderline-upgrade-${process.pid}`;
    // A v1 database as the first release wrote it: no state/nextAttemptAt fields, no indexes.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('orders', { keyPath: 'id' });
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore('meta');
      },
    });
    await v1.add('outbox', {
      mutationId: 'm-1',
      orderId: 'o-1',
      orderNumber: 'B-001',
      kind: 'paid',
      payload: { kind: 'paid' },
      createdAt: '2026-11-25T09:00:00.000Z',
      attempts: 2,
      lastError: null,
      deadLetter: null,
    });
    await v1.add('outbox', {
      mutationId: 'm-2',
      orderId: 'o-2',
      orderNumber: 'B-002',
      kind: 'paid',
      payload: { kind: 'paid' },
      createdAt: '2026-11-25T09:00:01.000Z',
      attempts: 1,
      lastError: 'invalid_body',
      deadLetter: {
        httpStatus: 400,
        code: 'invalid_body',
        message: 'bad',
        failedAt: '2026-11-25T09:00:02.000Z',
      },
    });
    v1.close();

    const db = await openOrderlineDb(name);
    expect(db.version).toBe(DB_VERSION);
    const entries = await db.getAll('outbox');
    expect(entries.map((e) => e.mutationId)).toEqual(['m-1', 'm-2']);
    expect(await db.countFromIndex('outbox', 'by-state', 'waiting')).toBe(1);
    expect(await db.countFromIndex('outbox', 'by-state', 'dead')).toBe(1);
    expect((await db.getFromIndex('outbox', 'by-mutation', 'm-1'))?.nextAttemptAt).toBe(0);
    db.close();
  });

  it('an upgrade from v2 keeps the made-up device id for pairing and its queued orders, unpaired', async () => {
    const name = `orderline-upgrade-v2-${process.pid}`;
    const legacyId = '0192d2a4-6c1e-7000-8000-0000000a11ce';
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('orders', { keyPath: 'id' });
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore('meta');
      },
    });
    await v1.put('meta', { deviceId: legacyId, code: 'QXZ', codeConfirmed: false }, 'device');
    await v1.put('meta', 7, 'ticketCounter');
    v1.close();
    await (await openOrderlineDb(name)).close();

    // The page reads the id to offer when pairing from the snapshot; the server (which gives back only a revoked
    // device's id) answers with a new one here, as it does for an id it never paired.
    const api = createFakeApi();
    api.identity = { ...TEST_DEVICE, code: 'D' };
    const h = createHarness(api.handler, { dbName: name, pairedAs: null });
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot).toMatchObject({ deviceId: legacyId, sync: { auth: 'unpaired', device: null } });
    const db = await h.deps.openDb(() => undefined);
    expect(await db.get('meta', 'device' as never)).toBeUndefined();
    await h.request({ v: 1, type: 'paired' });
    // The counter goes on under the paired code, so no ticket number repeats.
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    expect(order).toMatchObject({ number: 'D-008', deviceId: TEST_DEVICE.id });
    await h.close();
    expect(h.errors).toEqual([]);
  });

  it('queued orders survive a restart of the worker and are sent by the next one', async () => {
    const api = createFakeApi();
    const h = createHarness(api.handler);
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    await h.restart();
    api.down = false;
    await h.engine.start();
    expect(api.orders.has(order.id)).toBe(true);
    await h.close();
    expect(h.errors).toEqual([]);
  });

  it('an upgrade from v3 keeps the outbox and adds an empty drawer store: no drawer, nothing pending', async () => {
    const name = `orderline-upgrade-v3-${process.pid}`;
    // The v3 schema as the last release created it (stores and indexes), with one queued mark-paid.
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        db.createObjectStore('orders', { keyPath: 'id' }).createIndex('by-active', 'active');
        const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('by-order', 'orderId');
        outbox.createIndex('by-state', 'state');
        outbox.createIndex('by-mutation', 'mutationId', { unique: true });
        outbox.createIndex('by-next-attempt', 'nextAttemptAt');
        db.createObjectStore('meta');
      },
    });
    await v3.add('outbox', {
      mutationId: 'm-3',
      orderId: 'o-3',
      orderNumber: 'B-003',
      kind: 'paid',
      payload: { kind: 'paid' },
      createdAt: '2026-11-25T09:00:00.000Z',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      state: 'waiting',
      deadLetter: null,
    });
    v3.close();

    const db = await openOrderlineDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('drawer');
    expect(await db.count('drawer')).toBe(0);
    expect((await db.getAll('outbox')).map((e) => e.mutationId)).toEqual(['m-3']);
    db.close();

    const api = createFakeApi();
    api.down = true;
    const h = createHarness(api.handler, { dbName: name });
    expect(await h.request({ v: 1, type: 'drawer' })).toEqual({
      drawer: null,
      pending: 0,
      closing: false,
      lastReport: null,
    });
    const opened = await h.request({ v: 1, type: 'drawer-open', floatCents: 5_000 });
    expect(opened).toMatchObject({ pending: 1, drawer: { floatCents: 5_000 } });
    await h.close();
  });
});
