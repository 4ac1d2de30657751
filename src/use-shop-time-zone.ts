// The shop's time zone (Settings, owner) for the money screens (Report, History, Drawer): their days, hours and
// dates read as the receipts and the server's CSV do, even on a tablet whose clock is set to another zone.
import { deviceTimeZone } from './history-query.ts';
import { useKnownShopSettings } from './kitchen/use-shop-settings.ts';

/** The shop's IANA zone; this device's only until the settings are known (the SW answers them offline too). */
export function useShopTimeZone(): string {
  return useKnownShopSettings()?.timeZone ?? deviceTimeZone();
}
