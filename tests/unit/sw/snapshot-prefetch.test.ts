// The prefetched snapshot (read when a navigation reaches the worker) is handed to the page only while it is
// exact; and through the real engine, a broadcast in between makes `hello` read afresh.
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot, SyncBroadcast } from '../../../protocol/messages.ts';
import { createSnapshotPrefetch, PREFETCH_MAX_AGE_MS } from '../../../sw/snapshot-prefetch.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi } from './fake-api.ts';
import { ordersBroadcast, syncedStatus } from './broadcast-fixtures.ts';

function fakeSnapshot(rev: number): Snapshot {
  return { orders: [], rev, sync: syncedStatus(), cursor: 0, deviceId: null };
}

const syncBroadcast = (rev: number, pushConnected: boolean): SyncBroadcast => ({
  v: 1,
  type: 'sync',
  rev,
  ...syncedStatus(),
  pushConnected,
});
describe('snapshot prefetch', () => {
  let now = 1_000;
  const prefetchReading = (rev: number) =>
    createSnapshotPrefetch({ read: async () => fakeSnapshot(rev), now: () => now });

  it('hands out the prefetched read once, and nothing when it grew old or failed', async () => {
    const prefetch = prefetchReading(3);
    expect(await prefetch.take()).toBeNull();
    prefetch.start();
    expect((await prefetch.take())?.rev).toBe(3);
    expect(await prefetch.take()).toBeNull(); // used once

    prefetch.start();
    now += PREFETCH_MAX_AGE_MS + 1;
    expect(await prefetch.take()).toBeNull();

    const failing = createSnapshotPrefetch({
      read: () => Promise.reject(new Error('IDB closed')),
      now: () => now,
    });
    failing.start();
    expect(await failing.take()).toBeNull();
  });

  it('folds in sync broadcasts sent meanwhile, keeping revs gapless, and goes stale on an orders broadcast', async () => {
    const prefetch = prefetchReading(3);
    prefetch.start();
    prefetch.saw(syncBroadcast(2, true)); // committed before the read: already in it
    prefetch.saw(syncBroadcast(4, true));
    prefetch.saw(syncBroadcast(5, false));
    const folded = await prefetch.take();
    expect(folded?.rev).toBe(5);
    expect(folded?.sync.pushConnected).toBe(false);

    prefetch.start();
    prefetch.saw(ordersBroadcast(4));
    prefetch.saw(syncBroadcast(5, true));
    expect(await prefetch.take()).toBeNull();

    prefetch.start();
    prefetch.saw(syncBroadcast(5, true)); // rev 4 never seen: not exact
    expect(await prefetch.take()).toBeNull();
  });
});

describe('hello after a navigation', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
    expect(h.errors).toEqual([]);
  });

  it('serves the prefetched snapshot, or a fresh one when an order was placed in between', async () => {
    const api = createFakeApi();
    h = createHarness(api.handler);
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();

    h.engine.prefetchSnapshot();
    const first = await h.request({ v: 1, type: 'hello' });
    expect(first.orders).toHaveLength(1);

    h.engine.prefetchSnapshot();
    const before = h.broadcasts.length;
    await h.request({ v: 1, type: 'push-status', connected: true }); // a sync broadcast: folded in
    expect(h.broadcasts.slice(before).map((b) => b.type)).toContain('sync');
    const folded = await h.request({ v: 1, type: 'hello' });
    expect(folded.sync.pushConnected).toBe(true);
    expect(folded.rev).toBe(h.broadcasts.at(-1)?.rev);

    h.engine.prefetchSnapshot();
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    const second = await h.request({ v: 1, type: 'hello' });
    expect(second.orders).toHaveLength(2);
    expect(second.rev).toBeGreaterThan(first.rev);
    await h.engine.settled();
    const diagnostics = await h.request({ v: 1, type: 'diagnostics' });
    expect(diagnostics.cacheHits).toBe(3);
  });
});
