// Keeps the worker's offline copy of the menu current: told of a newer version (the leader forwards
// SSE `menu` events), it fetches GET /api/menu, stores it where the menu route serves it from, and
// broadcasts it so every tab shows it at once. Never throws at its caller: failures are reported.

import type { MenuBroadcast } from '../protocol/messages.ts';
import type { MenuResponse } from '../protocol/menu.ts';

export interface MenuRefreshDeps {
  fetch: typeof fetch;
  baseUrl: string;
  /** The cache the /api/menu route reads (sw/fetch-routes.ts MENU_CACHE). */
  openCache(): Promise<Cache>;
  broadcast(message: MenuBroadcast): void;
  reportError(error: unknown): void;
}

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

  async function refresh(check: boolean): Promise<void> {
    if (!check && wanted <= stored) return;
    const url = `${deps.baseUrl}/api/menu`;
    const response = await deps.fetch(url, { cache: 'no-store' });
    if (response.status !== 200) throw new Error(`GET /api/menu answered ${response.status}`);
    const menu: unknown = await response.json();
    if (!isMenu(menu)) throw new Error('GET /api/menu answered something that is not a menu');
    if (menu.version <= stored) return;
    const cache = await deps.openCache();
    await cache.put(
      url,
      new Response(JSON.stringify(menu), { headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    stored = menu.version;
    deps.broadcast({ v: 1, type: 'menu', menu });
  }

  return (request) => {
    if (request !== 'check') wanted = Math.max(wanted, request);
    running = running.then(() => refresh(request === 'check')).catch(deps.reportError);
    return running;
  };
}
