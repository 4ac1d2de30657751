// The shop's settings as this tab knows them (the kitchen's thresholds, the money screens' time zone): GET
// /api/settings (the SW answers from its cached copy, so a kitchen that starts offline keeps the owner's
// thresholds), then every `settings` broadcast from the SW.
// Defaults until either has answered; a failed load keeps what is shown and says nothing (the timers still run).
import { useEffect, useState } from 'preact/hooks';
import { BROADCAST_CHANNEL } from '../../protocol/messages.ts';
import {
  DEFAULT_SETTINGS,
  isSettingsBroadcast,
  isShopSettings,
  type ShopSettings,
} from '../../protocol/settings.ts';

/** The last settings this tab saw: coming back to the Kitchen shows them at once. */
let lastSettings: ShopSettings | null = null;

/** Applies settings this tab saved itself (the PUT's answer), before the push brings them back. */
let applyLocal: ((settings: ShopSettings) => void) | null = null;

export function settingsSaved(settings: ShopSettings): void {
  lastSettings = settings;
  applyLocal?.(settings);
}

/** The settings, the design's defaults until this tab has seen them. */
export function useShopSettings(): ShopSettings {
  return useKnownShopSettings() ?? DEFAULT_SETTINGS;
}

/** The settings, or null until this tab has seen them (the money screens fall back to the device's zone). */
export function useKnownShopSettings(): ShopSettings | null {
  const [settings, setSettings] = useState<ShopSettings | null>(lastSettings);
  useEffect(() => {
    // A push is always newer than the (possibly cached) GET answer: once one arrived, the GET is ignored.
    let pushed = false;
    const apply = (next: ShopSettings) => {
      lastSettings = next;
      setSettings(next);
    };
    applyLocal = (next) => {
      pushed = true;
      apply(next);
    };
    fetch('/api/settings')
      .then((response) => (response.ok ? response.json() : null))
      .then(
        (body: unknown) => {
          if (!pushed && isShopSettings(body)) apply(body);
        },
        (error: unknown) => console.warn('orderline: shop settings not loaded; keeping', lastSettings, error),
      );
    const channel = new BroadcastChannel(BROADCAST_CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (!isSettingsBroadcast(event.data)) return;
      pushed = true;
      apply(event.data.settings);
    };
    return () => {
      channel.close();
      applyLocal = null;
    };
  }, []);
  return settings;
}

/** This device's zone: the money screens use it only until the shop's settings are known. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The shop's IANA zone for the money screens (Report, History, Drawer): their days, hours and dates read as the
 * receipts and the server's CSV do, even on a tablet whose clock is in another zone. This device's zone only
 * until the settings are known (the SW answers them offline too).
 */
export function useShopTimeZone(): string {
  return useKnownShopSettings()?.timeZone ?? deviceTimeZone();
}
