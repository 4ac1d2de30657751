// The worker's side of the versioned menu: a queued create keeps the menu version the page showed
// (in IndexedDB, and on the wire), and the refresher stores each newer menu and broadcasts it once.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MenuBroadcast } from '../../../protocol/messages.ts';
import type { MenuResponse } from '../../../protocol/menu.ts';
import type { CreateOrderBody } from '../../../protocol/schemas.ts';
import { openOrderlineDb } from '../../../sw/db.ts';
import { createMenuRefresher } from '../../../sw/menu-refresh.ts';
import { createHarness, draft, type Harness } from './engine-harness.ts';
import { createFakeApi } from './fake-api.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let dbCounter = 0;

describe('menuVersion on queued creates', () => {
  it('is stored on the outbox entry while offline and sent with the create; a draft without one sends none', async () => {
    const api = createFakeApi();
    const sent: CreateOrderBody[] = [];
    const dbName = `orderline-menu-${process.pid}-${++dbCounter}`;
    h = createHarness(
      async (request) => {
        // Creates go alone (POST /api/orders) or in a drain batch (POST /api/batch).
        if (request.method === 'POST' && !api.down && request.url.pathname === '/api/orders') {
          sent.push(request.body as CreateOrderBody);
        }
        if (request.method === 'POST' && !api.down && request.url.pathname === '/api/batch') {
          const { mutations } = request.body as { mutations: { op: string; body: unknown }[] };
          for (const mutation of mutations)
            if (mutation.op === 'create') sent.push(mutation.body as CreateOrderBody);
        }
        return api.handler(request);
      },
      { dbName },
    );
    api.down = true;
    const shown = await h.request({ v: 1, type: 'create-order', draft: { ...draft(), menuVersion: 7 } });
    const old = await h.request({ v: 1, type: 'create-order', draft: draft('croissant') });
    const db = await openOrderlineDb(dbName, () => undefined);
    const entries = await db.getAll('outbox');
    db.close();
    const versions = entries.map((entry) =>
      entry.payload.kind === 'create' ? entry.payload.body.menuVersion : null,
    );
    expect(versions).toEqual([7, undefined]);

    api.down = false;
    await h.request({ v: 1, type: 'sync-now', reason: 'online' });
    await h.engine.settled();
    expect(sent.find((body) => body.id === shown.id)?.menuVersion).toBe(7);
    expect(sent.find((body) => body.id === old.id)).not.toHaveProperty('menuVersion');
  });
});

/** A Cache keyed by URL: CacheStorage does not exist in Node. */
class MemoryCache {
  readonly entries = new Map<string, Response>();
  match(request: RequestInfo | URL): Promise<Response | undefined> {
    return Promise.resolve(this.entries.get(String(request))?.clone());
  }
  put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(String(request), response);
    return Promise.resolve();
  }
}

const menuAt = (version: number, priceCents: number): MenuResponse => ({
  version,
  currency: 'EUR',
  categories: [{ id: 'coffee', name: 'Coffee' }],
  items: [{ id: 'latte', name: 'Latte', priceCents, category: 'coffee', available: version % 2 === 0 }],
});

function refresher(serve: () => Response) {
  const cache = new MemoryCache();
  const broadcasts: MenuBroadcast[] = [];
  const errors: unknown[] = [];
  let fetches = 0;
  /** Retries the refresher scheduled, run when the test chooses (`runRetries` also awaits the queue). */
  const timers: { callback: () => void; ms: number }[] = [];
  const refresh = createMenuRefresher({
    fetch: async () => {
      fetches++;
      return serve();
    },
    baseUrl: 'https://orderline.test',
    openCache: async () => cache as unknown as Cache,
    broadcast: (message) => broadcasts.push(message),
    reportError: (error) => errors.push(error),
    setTimeout: (callback, ms) => timers.push({ callback, ms }),
  });
  const runRetries = async () => {
    for (const { callback } of timers.splice(0)) callback();
    await refresh(0);
  };
  return { refresh, cache, broadcasts, errors, fetches: () => fetches, timers, runRetries };
}

describe('menu refresher', () => {
  it('stores a newer menu where /api/menu is served from and broadcasts it once', async () => {
    let current = menuAt(2, 400);
    const r = refresher(() => Response.json(current));
    await r.refresh(2);
    const stored = await r.cache.match('https://orderline.test/api/menu');
    expect(await stored?.json()).toEqual(menuAt(2, 400));
    expect(r.broadcasts).toEqual([{ v: 1, type: 'menu', menu: menuAt(2, 400) }]);

    // The same or an older version (a replayed event) costs no request and no broadcast.
    await r.refresh(2);
    await r.refresh(1);
    expect(r.fetches()).toBe(1);
    current = menuAt(3, 450);
    await r.refresh(3);
    expect(r.broadcasts.map((message) => message.menu.version)).toEqual([2, 3]);
    expect(r.errors).toEqual([]);
  });

  it('keeps the last good menu when the server answers something else, and reports it', async () => {
    let answer = Response.json(menuAt(2, 400));
    const r = refresher(() => answer);
    await r.refresh(2);
    answer = new Response('<html>Sign in to Wi-Fi</html>', { status: 200 });
    await r.refresh(3);
    answer = new Response('nope', { status: 503 });
    await r.refresh(3);
    expect(await (await r.cache.match('https://orderline.test/api/menu'))?.json()).toEqual(menuAt(2, 400));
    expect(r.broadcasts).toHaveLength(1);
    expect(r.errors).toHaveLength(2);
    // Back online, a retry (refresh(0), sent on every sync-now) fetches the version that failed.
    answer = Response.json(menuAt(3, 450));
    await r.refresh(0);
    expect(r.broadcasts.map((message) => message.menu.version)).toEqual([2, 3]);
  });

  it('a check fetches without an announced version and broadcasts only a newer menu', async () => {
    let current = menuAt(2, 400);
    const r = refresher(() => Response.json(current));
    await r.refresh('check');
    await r.refresh('check');
    current = menuAt(4, 500);
    await r.refresh('check');
    expect(r.fetches()).toBe(3);
    expect(r.broadcasts.map((message) => message.menu.version)).toEqual([2, 4]);
  });

  it('retries a failed check by itself, backing off, until the menu arrives', async () => {
    // The page's `online` event can come before the worker's own fetches work again.
    let online = false;
    const r = refresher(() => {
      if (!online) throw new TypeError('Failed to fetch');
      return Response.json(menuAt(4, 500));
    });
    await r.refresh('check');
    expect(r.timers.map((timer) => timer.ms)).toEqual([1_000]);
    await r.runRetries();
    expect(r.timers.map((timer) => timer.ms)).toEqual([2_000]);
    expect(r.broadcasts).toEqual([]);

    online = true;
    await r.runRetries();
    expect(r.broadcasts.map((message) => message.menu.version)).toEqual([4]);
    expect(r.timers).toEqual([]);
    expect(await (await r.cache.match('https://orderline.test/api/menu'))?.json()).toEqual(menuAt(4, 500));
  });
});
