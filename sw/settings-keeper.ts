// Keeps the worker's offline copy of the shop's settings (the kitchen's thresholds, the shop's details): told of new settings (the
// leader forwards SSE `settings` events, whose data is the settings themselves), it stores them where the
// /api/settings route serves them from when offline, and broadcasts them so every tab applies them at once.
// Never throws at its caller: a failed store is reported (the broadcast has already gone out).

import type { SettingsBroadcast } from '../protocol/messages.ts';
import { isShopSettings, type ShopSettings } from '../protocol/settings.ts';

export interface SettingsKeeperDeps {
  baseUrl: string;
  /** The cache the /api/settings route reads (sw/fetch-routes.ts SETTINGS_CACHE). */
  openCache(): Promise<Cache>;
  broadcast(message: SettingsBroadcast): void;
  reportError(error: unknown): void;
}

export function createSettingsKeeper(deps: SettingsKeeperDeps): (settings: unknown) => Promise<void> {
  // Stores in arrival order, so the last settings pushed are the ones a cold start reads.
  let storing: Promise<void> = Promise.resolve();

  return (settings) => {
    if (!isShopSettings(settings)) {
      deps.reportError(new Error('settings from the page are not valid settings; ignored'));
      return storing;
    }
    // The tabs first: showing the change within a second must not wait for storage.
    deps.broadcast({ v: 1, type: 'settings', settings });
    storing = storing.then(() => store(settings)).catch(deps.reportError);
    return storing;
  };

  async function store(settings: ShopSettings): Promise<void> {
    const cache = await deps.openCache();
    await cache.put(
      `${deps.baseUrl}/api/settings`,
      new Response(JSON.stringify(settings), {
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
    );
  }
}
