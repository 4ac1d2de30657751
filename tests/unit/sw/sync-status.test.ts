// What the sync broadcast and Diagnostics report: online/push state, recovery times, cache hits,
// and Background Sync registration while the outbox is not empty.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncBroadcast } from '../../../protocol/messages.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
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

const lastSync = () => h.broadcasts.filter((b): b is SyncBroadcast => b.type === 'sync').at(-1);

describe('sync status', () => {
  it('the leader reporting its stream open makes the device online with push connected', async () => {
    setup();
    await h.request({ v: 1, type: 'push-status', connected: true });
    expect(lastSync()).toMatchObject({ online: true, pushConnected: true });
    await h.request({ v: 1, type: 'push-status', connected: false });
    expect(lastSync()).toMatchObject({ pushConnected: false });
  });

  it('a captive portal answer makes the device offline', async () => {
    setup();
    await h.request({ v: 1, type: 'sync-now', reason: 'start' });
    await h.engine.settled();
    expect(lastSync()?.online).toBe(true);
    api.scripted.push(
      new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
    await h.engine.settled();
    expect(lastSync()?.online).toBe(false);
  });

  it('records the time from the server coming back to the outbox being empty', async () => {
    setup();
    api.down = true;
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    api.down = false;
    h.clock.now += 5_000;
    await h.request({ v: 1, type: 'push-status', connected: true });
    await h.engine.settled();
    const diagnostics = await h.request({ v: 1, type: 'diagnostics' });
    expect(diagnostics.recoveryTimesMs).toEqual([0]); // the injected clock did not move during recovery
    expect(diagnostics.outboxDepth).toBe(0);
    expect(diagnostics.oldestWaitingAt).toBeNull();
  });

  it('snapshots and offline list reads count as cache hits, network reads as misses', async () => {
    setup();
    await h.request({ v: 1, type: 'hello' });
    await h.engine.activeOrdersFromCache();
    await h.engine.countNetworkRead();
    const diagnostics = await h.request({ v: 1, type: 'diagnostics' });
    expect(diagnostics).toMatchObject({ cacheHits: 2, cacheMisses: 1 });
  });

  it('counts the pulls of the last minute', async () => {
    setup();
    await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
    await h.engine.settled();
    await h.request({ v: 1, type: 'sync-now', reason: 'poll' });
    await h.engine.settled();
    expect((await h.request({ v: 1, type: 'diagnostics' })).pullsLastMinute).toBe(2);
    h.clock.now += 61_000;
    expect((await h.request({ v: 1, type: 'diagnostics' })).pullsLastMinute).toBe(0);
  });

  it('registers Background Sync while the outbox cannot drain', async () => {
    setup();
    let registrations = 0;
    h.deps.registerBackgroundSync = async () => {
      registrations += 1;
    };
    await h.restart();
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect(registrations).toBe(0);
    api.down = true;
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    await h.engine.settled();
    expect(registrations).toBe(1);
  });
});

describe('storage errors', () => {
  it('a failed write is answered as data, shown to every tab, and cleared by the next good write', async () => {
    setup();
    const realOpen = h.deps.openDb;
    let failures = 1;
    h.deps.openDb = (onClosed) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('QuotaExceededError: the device is full'));
      }
      return realOpen(onClosed);
    };
    await h.restart();
    const reply = await h.engine.handle({ v: 1, type: 'create-order', draft: draft() });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'storage', message: 'QuotaExceededError: the device is full' },
    });
    expect(lastSync()?.storageError).toBe('QuotaExceededError: the device is full');
    h.errors.length = 0; // reported as expected
    await h.request({ v: 1, type: 'create-order', draft: draft() });
    expect(lastSync()?.storageError).toBeNull();
  });
});
