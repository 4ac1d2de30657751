// clearBackoff issues one put per held outbox entry at once. When the transaction is aborted under one of those
// puts (a dying worker, a quota abort), the puts issued before it must still be listened to: an unheard
// AbortError is an unhandled rejection (it failed CI once, model test seed 606).
import { afterEach, expect, it } from 'vitest';
import { ALL_STORES, openOrderlineDb, type OutboxEntry } from '../../../sw/db.ts';
import { clearBackoff } from '../../../sw/outbox-store.ts';
import { failPut, type PutFault } from './idb-put-fault.ts';

let fault: PutFault | null = null;
afterEach(() => fault?.restore());

function heldEntry(n: number): OutboxEntry {
  return {
    mutationId: `m-${n}`,
    orderId: `o-${n}`,
    orderNumber: `A-00${n}`,
    kind: 'status',
    payload: { kind: 'status', status: 'preparing' },
    createdAt: '2026-12-06T09:00:00.000Z',
    attempts: 1,
    nextAttemptAt: 5_000 + n,
    lastError: null,
    state: 'waiting',
    deadLetter: null,
  } as OutboxEntry;
}

it('a put aborted midway leaves no unhandled rejection behind, and nothing is stored', async () => {
  const db = await openOrderlineDb(`clear-backoff-${process.pid}`);
  const setupTx = db.transaction('outbox', 'readwrite');
  for (let n = 1; n <= 4; n += 1) await setupTx.store.add(heldEntry(n));
  await setupTx.done;

  const unhandled: unknown[] = [];
  const listen = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', listen);
  try {
    // The third put aborts the transaction: the fourth then throws at once, the first two fail with AbortError.
    fault = failPut({ store: 'outbox', skip: 2, mode: 'abort' });
    const tx = db.transaction(ALL_STORES, 'readwrite');
    await expect(clearBackoff(tx)).rejects.toThrow();
    await tx.done.catch(() => undefined);
    expect(fault.injected).toBe(1);
    // Unhandled rejections are reported after the microtask queue drains: give them a few turns.
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', listen);
  }
  expect(unhandled).toEqual([]);
  const after = await db.getAll('outbox');
  expect(after.map((entry) => entry.nextAttemptAt)).toEqual([5_001, 5_002, 5_003, 5_004]);
  db.close();
});
