// Keeps the worker's offline copy of the menu current: told of a newer version (the leader forwards
// SSE `menu` events), it fetches GET /api/menu, stores it where the menu route serves it from, and
// broadcasts it so every tab shows it at once. Never throws at its caller: failures are reported and
// retried with a backoff (the browser's `online` event can come before the worker's fetches work again).

import type { MenuBroadcast } from '../protocol/messages.ts';
import type { MenuResponse } from '../protocol/menu.ts';

export interface MenuRefreshDeps {
  fetch: typeof fetch;
  baseUrl: string;
  /** The cache the /api/menu route reads (sw/fetch-routes.ts MENU_CACHE). */
  openCache(): Promise<Cache>;
  broadcast(message: MenuBroadcast): void;
  reportError(error: unknown): void;
  /** Schedules the retry of a failed refresh. */
  setTimeout(callback: () => void, ms: number): unknown;
}

/** A failed refresh is retried after 1 s, then 2 s, 4 s … up to 30 s, until one succeeds. */
export const MENU_RETRY_MIN_MS = 1_000;
export const MENU_RETRY_MAX_MS = 30_000;

function isMenu(value: unknown): value is MenuResponse {
  if (typeof value !== 'object' || value === null) return false;
  const menu = value as Record<string, unknown>;
  return (
    typeof menu.version === 'number' &&
    typeof menu.currency === 'string' &&
    Array.isArray(menu.categories) &&
    Array.isArray(menu.items)
  );
}

/**
 * A version announced by the server, 0 to retry one whose fetch failed (e.g. offline), or `check` to
 * fetch regardless (back online: an edit may have been published while no stream was up).
 */
export type MenuRefreshRequest = number | 'check';

/** Returns `refresh(request)`; a menu no newer than the one stored is neither stored nor broadcast. */
export function createMenuRefresher(deps: MenuRefreshDeps): (request: MenuRefreshRequest) => Promise<void> {
  let stored = 0;
  /** The newest version announced; above `stored` while a fetch for it has not succeeded. */
  let wanted = 0;
  // One refresh at a time: a burst of edits ends with the newest menu stored last.
  let running: Promise<void> = Promise.resolve();
  /** A check was asked for and has not succeeded yet: a retry must fetch even with nothing announced. */
  let checkPending = false;
  let failures = 0;
  let retryScheduled = false;

  async function refresh(check: boolean): Promise<void> {
    if (check) checkPending = true;
    if (!checkPending && wanted <= stored) return;
    const url = `${deps.baseUrl}/api/menu`;
    const response = await deps.fetch(url, { cache: 'no-store' });
    if (response.status !== 200) throw new Error(`GET /api/menu answered ${response.status}`);
    const menu: unknown = await response.json();
    if (!isMenu(menu)) throw new Error('GET /api/menu answered something that is not a menu');
    checkPending = false;
    failures = 0;
    if (menu.version <= stored) return;
    const cache = await deps.openCache();
    await cache.put(
      url,
      new Response(JSON.stringify(menu), { headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    stored = menu.version;
    deps.broadcast({ v: 1, type: 'menu', menu });
  }

  function scheduleRetry(): void {
    if (retryScheduled) return;
    retryScheduled = true;
    const delay = Math.min(MENU_RETRY_MAX_MS, MENU_RETRY_MIN_MS * 2 ** failures++);
    deps.setTimeout(() => {
      retryScheduled = false;
      void request(0);
    }, delay);
  }

  function request(next: MenuRefreshRequest): Promise<void> {
    if (next !== 'check') wanted = Math.max(wanted, next);
    running = running
      .then(() => refresh(next === 'check'))
      .catch((error: unknown) => {
        deps.reportError(error);
        scheduleRetry();
      });
    return running;
  }

  return request;
}
