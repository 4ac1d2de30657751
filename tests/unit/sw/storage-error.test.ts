// A failed IndexedDB *commit* (the quota gone: every put succeeded, then the browser refused the commit) is
// answered to the page as a storage error, reaches every tab as `storageError`, stores nothing, and is taken
// back by the next write that commits. The failed *open* is covered in sync-status.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncBroadcast } from '../../../protocol/messages.ts';
import { decideRev } from '../../../src/rev-gate.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi, type FakeApi } from './fake-api.ts';
import { failCommits, QUOTA_MESSAGE, type CommitFault } from './idb-commit-fault.ts';

let h: Harness;
let api: FakeApi;
let fault: CommitFault | null = null;

afterEach(async () => {
  fault?.restore();
  fault = null;
  await h.close();
});

const STORAGE_TEXT = `QuotaExceededError: ${QUOTA_MESSAGE}`;
const syncs = () => h.broadcasts.filter((b): b is SyncBroadcast => b.type === 'sync');

async function setupOnline(): Promise<void> {
  api = createFakeApi();
  h = createHarness(api.handler);
  // Paired, synced, nothing waiting: the state a quota failure meets in the field.
  await h.request({ v: 1, type: 'sync-now', reason: 'start' });
  await h.engine.settled();
}

async function storedState(): Promise<{ orders: number; rev: number; waiting: number }> {
  const snapshot = await h.request({ v: 1, type: 'hello' });
  const diagnostics = await h.request({ v: 1, type: 'diagnostics' });
  return { orders: snapshot.orders.length, rev: snapshot.rev, waiting: diagnostics.outboxDepth };
}

describe('a refused IndexedDB commit', () => {
  it('once (a small write still fits): answered as storage, stored as storageError, cleared by the next good write', async () => {
    await setupOnline();
    const before = await storedState();
    fault = failCommits();
    fault.arm(1);
    const reply = await h.engine.handle({ v: 1, type: 'create-order', draft: draft() });
    expect(fault.refused).toBe(1);
    expect(reply).toEqual({ ok: false, error: { code: 'storage', message: STORAGE_TEXT } });
    expect(syncs().at(-1)?.storageError).toBe(STORAGE_TEXT);
    // Nothing of the refused order was kept; only the sync status (with its own rev) was written.
    const after = await storedState();
    expect({ orders: after.orders, waiting: after.waiting }).toEqual({ orders: 0, waiting: 0 });
    expect(after.rev).toBe(before.rev + 1);
    expect(h.ordersDeltas().filter((d) => d.added.length > 0)).toEqual([]);

    h.errors.length = 0; // the refused commit was reported, as it should be
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    expect(syncs().at(-1)?.storageError).toBeNull();
    await h.engine.settled();
    expect(api.orders.size).toBe(1);
  });

  it('always (the quota is gone): the tabs are told from a read, in step, and told again once a write commits', async () => {
    await setupOnline();
    const before = await storedState();
    const lastRevSeen = Math.max(...h.broadcasts.map((b) => b.rev));
    fault = failCommits();
    fault.arm(Number.POSITIVE_INFINITY);
    const reply = await h.engine.handle({ v: 1, type: 'create-order', draft: draft() });
    // The order's commit and the storageError's own commit were both refused.
    expect(fault.refused).toBe(2);
    expect(reply).toEqual({ ok: false, error: { code: 'storage', message: STORAGE_TEXT } });
    const told = syncs().at(-1)!;
    expect(told.storageError).toBe(STORAGE_TEXT);
    // No rev of its own (nothing was stored): a tab at the stored rev applies it.
    expect(told.rev).toBe(before.rev);
    expect(decideRev('sync', told.rev, lastRevSeen)).toBe('apply');
    expect(await storedState()).toEqual(before);

    fault.arm(0);
    h.errors.length = 0;
    const placed = await h.request({ v: 1, type: 'create-order', draft: draft() });
    const cleared = syncs().at(-1)!;
    expect(cleared.storageError).toBeNull();
    expect(cleared.rev).toBeGreaterThan(told.rev);
    expect((await h.request({ v: 1, type: 'hello' })).orders.map((o) => o.id)).toEqual([placed.id]);
  });
});
