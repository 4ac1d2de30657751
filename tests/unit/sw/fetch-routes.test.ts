// The worker's request routing: precached assets, the offline app shell for navigations, the stale-while-
// revalidate menu and the active list's own handler; everything else goes to the network untouched.
import { describe, expect, it } from 'vitest';
import { MENU_CACHE, routeFetch, SETTINGS_CACHE, type FetchRouteDeps } from '../../../sw/fetch-routes.ts';

const ORIGIN = 'https://orderline.test';
const SHELL_HTML = '<!doctype html><title>Orderline</title>';

/** A Cache keyed by URL, enough for match and put; counts puts so tests can see what was stored. */
class FakeCache {
  readonly entries = new Map<string, Response>();
  puts = 0;
  match(request: RequestInfo | URL): Promise<Response | undefined> {
    return Promise.resolve(this.entries.get(urlOf(request))?.clone());
  }
  put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.puts += 1;
    this.entries.set(urlOf(request), response);
    return Promise.resolve();
  }
}

function urlOf(request: RequestInfo | URL): string {
  return request instanceof Request ? request.url : String(request);
}

interface Harness {
  deps: FetchRouteDeps;
  caches: Map<string, FakeCache>;
  /** URLs fetched from the network, in order. */
  fetched: string[];
  /** Requests the active-orders handler was given. */
  activeOrdersCalls: Request[];
  /** Settles everything passed to waitUntil (the background work the worker is kept alive for). */
  background: () => Promise<unknown>;
  setNetwork: (answer: (request: Request) => Promise<Response>) => void;
}

function harness(precached: Record<string, string> = { [`${ORIGIN}/index.html`]: SHELL_HTML }): Harness {
  const caches = new Map<string, FakeCache>();
  const fetched: string[] = [];
  const activeOrdersCalls: Request[] = [];
  const pending: Promise<unknown>[] = [];
  let network = (request: Request): Promise<Response> =>
    Promise.resolve(new Response(`network ${new URL(request.url).pathname}`, { status: 200 }));
  const precacheKeyFor = (url: string): string | undefined => {
    const href = new URL(url, `${ORIGIN}/`).href;
    return href in precached ? `${href}?__WB_REVISION__=1` : undefined;
  };
  const deps: FetchRouteDeps = {
    origin: ORIGIN,
    precacheKeyFor,
    matchPrecache: (url) => {
      const href = new URL(url, `${ORIGIN}/`).href;
      const body = precached[href];
      return Promise.resolve(body === undefined ? undefined : new Response(body, { status: 200 }));
    },
    openCache: (name) => {
      const cache = caches.get(name) ?? new FakeCache();
      caches.set(name, cache);
      return Promise.resolve(cache as unknown as Cache);
    },
    fetch: (request) => {
      fetched.push(request.url);
      return network(request);
    },
    activeOrders: (request) => {
      activeOrdersCalls.push(request);
      return Promise.resolve(new Response('[]', { status: 200 }));
    },
    waitUntil: (promise) => {
      pending.push(promise);
    },
  };
  return {
    deps,
    caches,
    fetched,
    activeOrdersCalls,
    background: async () => {
      // waitUntil may be called again while earlier work settles (the menu's cache write).
      for (let settled = 0; settled < pending.length; settled = pending.length) {
        await Promise.all(pending.slice(settled));
      }
    },
    setNetwork: (answer) => {
      network = answer;
    },
  };
}

function navigation(path: string): Request {
  const request = new Request(`${ORIGIN}${path}`);
  // Node's Request refuses mode 'navigate' in its constructor; the browser sets it on page loads.
  Object.defineProperty(request, 'mode', { value: 'navigate' });
  return request;
}

const offline = (): Promise<Response> => Promise.reject(new TypeError('Failed to fetch'));

describe('routeFetch: precached assets', () => {
  it('answers a precached asset from the precache without touching the network', async () => {
    const h = harness({ [`${ORIGIN}/assets/index-abc.js`]: 'console.log(1)' });
    const response = await routeFetch(new Request(`${ORIGIN}/assets/index-abc.js`), h.deps);
    expect(await response?.text()).toBe('console.log(1)');
    expect(h.fetched).toEqual([]);
  });

  it('falls back to the network when a precached entry is missing from the cache', async () => {
    const h = harness();
    h.deps.matchPrecache = () => Promise.resolve(undefined);
    const response = await routeFetch(new Request(`${ORIGIN}/index.html`), h.deps);
    expect(await response?.text()).toBe('network /index.html');
  });

  it('leaves an asset that is not precached to the network', () => {
    const h = harness();
    expect(routeFetch(new Request(`${ORIGIN}/icons/unknown.png`), h.deps)).toBeUndefined();
  });
});

describe('routeFetch: navigations', () => {
  it.each(['/', '/diagnostics', '/?utm_source=till', '/orders/123'])(
    'answers a navigation to %s with the precached app shell, offline too',
    async (path) => {
      const h = harness();
      h.setNetwork(offline);
      const response = await routeFetch(navigation(path), h.deps);
      expect(await response?.text()).toBe(SHELL_HTML);
      expect(h.fetched).toEqual([]);
    },
  );

  it.each(['/api/orders', '/healthz', '/healthz?full=1', '/metrics'])(
    'leaves a navigation to the server page %s to the network',
    (path) => {
      const h = harness();
      expect(routeFetch(navigation(path), h.deps)).toBeUndefined();
    },
  );
});

describe('routeFetch: the shop settings (stale-while-revalidate)', () => {
  it('a kitchen starting offline answers /api/settings from the copy kept, apart from the menu', async () => {
    const h = harness();
    await routeFetch(new Request(`${ORIGIN}/api/settings`), h.deps);
    await h.background();
    h.setNetwork(offline);
    const response = await routeFetch(new Request(`${ORIGIN}/api/settings`), h.deps);
    expect(await response?.text()).toBe('network /api/settings');
    expect(h.caches.get(SETTINGS_CACHE)).toBeDefined();
    expect(h.caches.get(MENU_CACHE)).toBeUndefined();
  });
});

describe('routeFetch: the menu (stale-while-revalidate)', () => {
  const menuRequest = (): Request => new Request(`${ORIGIN}/api/menu`);

  it('with no copy yet, answers from the network and keeps a copy', async () => {
    const h = harness();
    const response = await routeFetch(menuRequest(), h.deps);
    expect(await response?.text()).toBe('network /api/menu');
    await h.background();
    const cache = h.caches.get(MENU_CACHE);
    expect(await (await cache?.match(`${ORIGIN}/api/menu`))?.text()).toBe('network /api/menu');
  });

  it('with a copy, answers with the copy and refreshes it in the background', async () => {
    const h = harness();
    await routeFetch(menuRequest(), h.deps);
    await h.background();
    h.setNetwork(() => Promise.resolve(new Response('new menu', { status: 200 })));
    const response = await routeFetch(menuRequest(), h.deps);
    expect(await response?.text()).toBe('network /api/menu');
    await h.background();
    const cache = h.caches.get(MENU_CACHE);
    expect(await (await cache?.match(`${ORIGIN}/api/menu`))?.text()).toBe('new menu');
  });

  it('keeps the worker alive until the background refresh is stored', async () => {
    const h = harness();
    await routeFetch(menuRequest(), h.deps);
    await h.background();
    let answer: (response: Response) => void = () => undefined;
    h.setNetwork(() => new Promise<Response>((resolve) => (answer = resolve)));
    await routeFetch(menuRequest(), h.deps);
    let kept = true;
    const background = h.background().then(() => (kept = false));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(kept).toBe(true);
    answer(new Response('new menu', { status: 200 }));
    await background;
    const cache = h.caches.get(MENU_CACHE);
    expect(await (await cache?.match(`${ORIGIN}/api/menu`))?.text()).toBe('new menu');
  });

  it('offline, answers with the copy and the failed refresh does not reject', async () => {
    const h = harness();
    await routeFetch(menuRequest(), h.deps);
    await h.background();
    h.setNetwork(offline);
    const response = await routeFetch(menuRequest(), h.deps);
    expect(await response?.text()).toBe('network /api/menu');
    await expect(h.background()).resolves.toBeUndefined();
  });

  it('offline with no copy, fails like the network does', async () => {
    const h = harness();
    h.setNetwork(offline);
    await expect(routeFetch(menuRequest(), h.deps)).rejects.toThrow('Failed to fetch');
  });

  it('does not replace the copy with an error answer', async () => {
    const h = harness();
    await routeFetch(menuRequest(), h.deps);
    await h.background();
    h.setNetwork(() => Promise.resolve(new Response('down', { status: 503 })));
    await routeFetch(menuRequest(), h.deps);
    await h.background();
    const cache = h.caches.get(MENU_CACHE);
    expect(cache?.puts).toBe(1);
    expect(await (await cache?.match(`${ORIGIN}/api/menu`))?.text()).toBe('network /api/menu');
  });
});

describe('routeFetch: everything else', () => {
  it('hands GET /api/orders?status=active to the active-orders handler', async () => {
    const h = harness();
    const request = new Request(`${ORIGIN}/api/orders?status=active`);
    const response = await routeFetch(request, h.deps);
    expect(await response?.text()).toBe('[]');
    expect(h.activeOrdersCalls).toEqual([request]);
  });

  it.each([
    ['another API read', new Request(`${ORIGIN}/api/orders?status=all`)],
    ['a write', new Request(`${ORIGIN}/api/orders`, { method: 'POST', body: '{}' })],
    ['a write to a precached URL', new Request(`${ORIGIN}/index.html`, { method: 'POST', body: '' })],
    ['a request to another origin', new Request('https://elsewhere.test/api/menu')],
    ['the event stream', new Request(`${ORIGIN}/api/events`)],
  ])('leaves %s to the network', (_name, request) => {
    const h = harness();
    expect(routeFetch(request, h.deps)).toBeUndefined();
    expect(h.fetched).toEqual([]);
    expect(h.activeOrdersCalls).toEqual([]);
  });
});
