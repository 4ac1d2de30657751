// Static routes (the Service Worker static routing API, `InstallEvent.addRoutes`, Chromium 123+): a tablet
// waking a page whose worker the browser stopped loads the app shell and its hashed scripts straight from
// Cache Storage, without waiting for this worker to boot; the page then reads its list from IndexedDB itself
// (src/local-snapshot.ts). Hashed scripts come from Cache Storage even while the worker runs (the same precache
// its fetch handler would read); a running worker still answers navigations and the API (sw/fetch-routes.ts).
// A browser without the API ignores all this and every request goes through the fetch handler.

/** Where the copies of the shell live, one per start path (a route's cache lookup matches the exact URL). */
export const START_CACHE = 'orderline-start';
/** The screens a device opens on: the installed app's start_url and each role's home screen. */
export const START_PATHS = ['/', '/kitchen', '/board'] as const;

/** The part of the routing API this worker uses (not in TypeScript's lib yet). */
interface RouterCondition {
  urlPattern?: { pathname: string; search?: string };
  requestMode?: RequestMode;
  requestMethod?: string;
  runningStatus?: 'running' | 'not-running';
}
interface RouterRule {
  condition: RouterCondition;
  source: 'cache' | { cacheName: string };
}
interface RoutableInstallEvent extends ExtendableEvent {
  addRoutes?: (rules: RouterRule[]) => Promise<void>;
}

/** The rules: hashed assets always; start pages only while the worker is stopped, exact URLs without a query. */
export function startRules(): RouterRule[] {
  const stopped = { requestMethod: 'GET', runningStatus: 'not-running' } as const;
  return [
    // Hashed file names: the precache holds each under its plain URL (its revision is the hash), which is all
    // the fetch handler would do for them, so they skip the worker even while it runs. Only while it is
    // stopped was not enough: Chromium starts the worker beside a navigation the static route answered, and
    // the page's scripts then waited for it to boot (worker-stopped start, 1,000 orders: 241 → 170 ms and
    // 342 → 210 ms in two paired runs at load 6–7).
    { condition: { requestMethod: 'GET', urlPattern: { pathname: '/assets/*' } }, source: 'cache' },
    ...START_PATHS.map((pathname): RouterRule => ({
      condition: { ...stopped, requestMode: 'navigate', urlPattern: { pathname, search: '' } },
      source: { cacheName: START_CACHE },
    })),
  ];
}

/** Registers the rules during install; a refusal (an older browser's variant) costs only the speed-up. */
export function addStartRoutes(event: ExtendableEvent, reportError: (error: unknown) => void): void {
  const routable = event as RoutableInstallEvent;
  if (typeof routable.addRoutes !== 'function') return;
  event.waitUntil(routable.addRoutes(startRules()).catch(reportError));
}

/**
 * Copies the precached shell under each start path, at activation: the routes belong to the active version,
 * and so must the shell they serve (an update's copy written at install would serve the new page to the old
 * worker). Without a precached shell the copies are dropped, so a start goes through the worker.
 */
export async function copyStartShell(
  origin: string,
  shell: () => Promise<Response | undefined>,
  cacheStorage: CacheStorage,
): Promise<void> {
  const response = await shell();
  if (response === undefined || !response.ok) {
    await cacheStorage.delete(START_CACHE);
    return;
  }
  const cache = await cacheStorage.open(START_CACHE);
  const body = await response.arrayBuffer();
  await Promise.all(
    START_PATHS.map((path) =>
      cache.put(
        new URL(path, origin).href,
        new Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        }),
      ),
    ),
  );
}
