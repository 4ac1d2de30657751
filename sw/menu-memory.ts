// The worker's in-memory copy of the cached menu, for the create-order estimate (sw/order-estimate.ts):
// kept by the menu refresher when it stores a version, and read once from the menu cache when the worker
// starts cold, so the same-tab create path never waits on Cache Storage or IndexedDB for it.

import type { MenuResponse } from '../protocol/menu.ts';

export interface MenuMemory {
  remember(menu: MenuResponse): void;
  /** The menu at once when in memory; otherwise a promise of the cached one (null when none is cached). */
  current(): MenuResponse | null | Promise<MenuResponse | null>;
}

export function createMenuMemory(readCached: () => Promise<MenuResponse | null>): MenuMemory {
  let menu: MenuResponse | null = null;
  let loading: Promise<MenuResponse | null> | null = null;
  function remember(next: MenuResponse): void {
    if (!menu || next.version >= menu.version) menu = next;
  }
  return {
    remember,
    current() {
      if (menu) return menu;
      loading ??= readCached().then(
        (cached) => {
          if (cached) remember(cached);
          loading = null;
          return menu;
        },
        (error: unknown) => {
          loading = null;
          throw error;
        },
      );
      return loading;
    },
  };
}
