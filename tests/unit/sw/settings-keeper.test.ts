// The worker's side of the shop's settings: pushed settings are broadcast to the tabs and stored where
// /api/settings is served from offline; anything that is not valid settings is reported and ignored.
import { describe, expect, it } from 'vitest';
import type { SettingsBroadcast } from '../../../protocol/messages.ts';
import { DEFAULT_SETTINGS } from '../../../protocol/settings.ts';
import { createSettingsKeeper } from '../../../sw/settings-keeper.ts';

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

function keeper(openCache: () => Promise<Cache>) {
  const broadcasts: SettingsBroadcast[] = [];
  const errors: unknown[] = [];
  const keep = createSettingsKeeper({
    baseUrl: 'https://orderline.test',
    openCache,
    broadcast: (message) => broadcasts.push(message),
    reportError: (error) => errors.push(error),
  });
  return { keep, broadcasts, errors };
}

describe('settings keeper', () => {
  it('broadcasts pushed settings and stores the last of them for /api/settings', async () => {
    const cache = new MemoryCache();
    const k = keeper(async () => cache as unknown as Cache);
    void k.keep({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 3, kitchenLateMinutes: 6 });
    await k.keep({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 4, kitchenLateMinutes: 8 });
    expect(k.broadcasts).toEqual([
      {
        v: 1,
        type: 'settings',
        settings: { ...DEFAULT_SETTINGS, kitchenWarningMinutes: 3, kitchenLateMinutes: 6 },
      },
      {
        v: 1,
        type: 'settings',
        settings: { ...DEFAULT_SETTINGS, kitchenWarningMinutes: 4, kitchenLateMinutes: 8 },
      },
    ]);
    const stored = await cache.match('https://orderline.test/api/settings');
    expect(await stored?.json()).toEqual({
      ...DEFAULT_SETTINGS,
      kitchenWarningMinutes: 4,
      kitchenLateMinutes: 8,
    });
    expect(k.errors).toEqual([]);
  });

  it.each([
    ['late not after warning', { kitchenWarningMinutes: 9, kitchenLateMinutes: 9 }],
    ['out of range', { kitchenWarningMinutes: 0, kitchenLateMinutes: 9 }],
    ['not settings at all', 'ten minutes'],
  ])('reports and ignores settings that are %s', async (_name, settings) => {
    const cache = new MemoryCache();
    const k = keeper(async () => cache as unknown as Cache);
    await k.keep(settings);
    expect(k.broadcasts).toEqual([]);
    expect(cache.entries.size).toBe(0);
    expect(k.errors).toHaveLength(1);
  });

  it('still broadcasts when storage fails, and reports the failure', async () => {
    const k = keeper(() => Promise.reject(new Error('quota exceeded')));
    await k.keep({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 2, kitchenLateMinutes: 5 });
    expect(k.broadcasts).toHaveLength(1);
    expect(String(k.errors[0])).toContain('quota exceeded');
  });
});
