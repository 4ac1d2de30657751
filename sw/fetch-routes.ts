// Which requests the worker answers and how: precached assets from the precache, page navigations with the
// precached app shell, GET /api/menu and /api/settings stale-while-revalidate, the active list network-first with the IndexedDB
// copy. Hand-written instead of Workbox's router and strategies, which cost budget (docs/decisions.md); Workbox
// still installs the precache. Every other request is left to the browser untouched.

import { isActiveOrdersRequest } from './active-orders-route.ts';

/** What the routes need from the worker; injected so tests run them on Node's Request/Response. */
export interface FetchRouteDeps {
  origin: string;
  /** The precache's key for a URL, or undefined when the URL is not precached (workbox getCacheKeyForURL). */
  precacheKeyFor: (url: string) => string | undefined;
  /** The precached response for a URL (workbox matchPrecache). */
  matchPrecache: (url: string) => Promise<Response | undefined>;
  openCache: (name: string) => Promise<Cache>;
  fetch: (request: Request) => Promise<Response>;
  activeOrders: (request: Request) => Promise<Response>;
  /** Keeps the worker alive for work that outlives the response (the menu's background refresh). */
  waitUntil: (promise: Promise<unknown>) => void;
}

export const MENU_CACHE = 'orderline-menu';
/** The shop's settings: written by responses and by pushed `settings` events (sw/settings-keeper.ts). */
export const SETTINGS_CACHE = 'orderline-settings';
const APP_SHELL = 'index.html';
/** Navigations the server answers itself, never with the app shell. Tested against path + query. */
const NOT_APP_PAGES = [/^\/api\//, /^\/healthz/, /^\/metrics/];

/**
 * The response for a request, or undefined to let it go to the network as if there were no worker. The
 * decision is synchronous because `respondWith` must be called before the fetch listener returns.
 */
export function routeFetch(request: Request, deps: FetchRouteDeps): Promise<Response> | undefined {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== deps.origin) return undefined;
  // Precached URLs first (a navigation to /index.html included), as when precacheAndRoute's route came first.
  if (deps.precacheKeyFor(url.href) !== undefined) {
    return fromPrecache(url.href, request, deps);
  }
  if (request.mode === 'navigate') {
    const pathAndQuery = url.pathname + url.search;
    if (NOT_APP_PAGES.some((pattern) => pattern.test(pathAndQuery))) return undefined;
    // Every app URL is the same single page: offline navigation works from the precached shell.
    return fromPrecache(APP_SHELL, request, deps);
  }
  // The menu changes rarely; the page must be able to take orders offline.
  if (url.pathname === '/api/menu') return staleWhileRevalidate(request, MENU_CACHE, deps);
  // A kitchen that starts offline keeps the owner's thresholds; once online, the stream's first `settings`
  // event corrects a stale copy within moments.
  if (url.pathname === '/api/settings') return staleWhileRevalidate(request, SETTINGS_CACHE, deps);
  if (isActiveOrdersRequest(url, request, deps.origin)) return deps.activeOrders(request);
  return undefined;
}

async function fromPrecache(url: string, request: Request, deps: FetchRouteDeps): Promise<Response> {
  // A precache entry can be missing (storage evicted, install interrupted): the network still answers, and for
  // a navigation the server itself falls back to the shell.
  return (await deps.matchPrecache(url)) ?? deps.fetch(request);
}

function staleWhileRevalidate(request: Request, cacheName: string, deps: FetchRouteDeps): Promise<Response> {
  const cache = deps.openCache(cacheName);
  const fromNetwork = deps.fetch(request).then((response) => {
    // Only a full 200 replaces the copy: an error page must never shadow a good one. Storing it must not
    // hold up the answer, nor fail it (a full quota only costs the offline copy).
    if (response.status === 200) {
      const copy = response.clone();
      deps.waitUntil(cache.then((opened) => opened.put(request, copy)).catch(reportCacheError));
    }
    return response;
  });
  // With a cached copy a failed refresh is expected (offline): the copy is the answer, the error is not news.
  deps.waitUntil(fromNetwork.catch(() => undefined));
  return cache.then((opened) => opened.match(request)).then((cached) => cached ?? fromNetwork);
}

function reportCacheError(error: unknown): void {
  console.error('[orderline sw] could not store a copy for offline use', error);
}
