// The shop's settings: the kitchen's warning and late thresholds (an addition to DESIGN.md Part 2,
// docs/decisions.md) and the shop's details of Part 3 (name, address, tax id, receipt footer, locale, time
// zone), as GET/PUT/PATCH /api/settings and the `settings` SSE event carry them. No valibot here: the page
// and the SW narrow with the plain guard below, so the main bundle stays small (the server's schema is in
// settings-schema.ts and states the same rules).

import { PROTOCOL_VERSION, type SettingsBroadcast } from './messages.ts';

/** A ticket older than four hours is not "late", it is forgotten: a bigger number is a typo. */
export const KITCHEN_MINUTES_MIN = 1;
export const KITCHEN_MINUTES_MAX = 240;

/** A receipt's header has room for four address lines (DESIGN "HTTP API, part 3"). */
export const ADDRESS_LINES_MAX = 4;
/** Lengths a 42-column receipt can still show on one or two lines. */
export const SETTINGS_TEXT_MAX = {
  shopName: 60,
  addressLine: 60,
  taxId: 40,
  receiptFooter: 200,
  locale: 35,
  timeZone: 64,
} as const;

export interface ShopSettings {
  kitchenWarningMinutes: number;
  kitchenLateMinutes: number;
  shopName: string;
  /** At most ADDRESS_LINES_MAX lines, as printed. */
  address: string[];
  taxId: string;
  receiptFooter: string;
  /** BCP 47, canonical (`de-DE`, not `de_de`): receipts, reports and CSV use it. */
  locale: string;
  /** IANA zone: receipts, reports and CSV show the shop's local time in it. */
  timeZone: string;
}

/** DESIGN.md Part 2, "Kitchen": warning at 5 minutes, late at 10; no shop details until the owner gives them. */
export const DEFAULT_SETTINGS: ShopSettings = {
  kitchenWarningMinutes: 5,
  kitchenLateMinutes: 10,
  shopName: '',
  address: [],
  taxId: '',
  receiptFooter: '',
  locale: 'en',
  timeZone: 'UTC',
};

function isMinutes(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= KITCHEN_MINUTES_MIN &&
    value <= KITCHEN_MINUTES_MAX
  );
}

/** The locale in canonical form (`en-us` → `en-US`), or null when it is not a BCP 47 tag. */
export function canonicalLocale(tag: string): string | null {
  if (tag.trim() === '' || tag.length > SETTINGS_TEXT_MAX.locale) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** A zone Intl can format in (IANA names, canonical or alias; `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone.length > SETTINGS_TEXT_MAX.timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isText(value: unknown, max: number): value is string {
  // The server refused invisible characters (settings-schema.ts); the guard only checks the shape.
  return typeof value === 'string' && [...value].length <= max;
}

/** The same rules as ShopSettingsSchema: whole minutes in range, warning before late, short texts. */
export function isShopSettings(value: unknown): value is ShopSettings {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    isMinutes(record.kitchenWarningMinutes) &&
    isMinutes(record.kitchenLateMinutes) &&
    record.kitchenWarningMinutes < record.kitchenLateMinutes &&
    isText(record.shopName, SETTINGS_TEXT_MAX.shopName) &&
    Array.isArray(record.address) &&
    record.address.length <= ADDRESS_LINES_MAX &&
    record.address.every((line) => isText(line, SETTINGS_TEXT_MAX.addressLine)) &&
    isText(record.taxId, SETTINGS_TEXT_MAX.taxId) &&
    isText(record.receiptFooter, SETTINGS_TEXT_MAX.receiptFooter) &&
    typeof record.locale === 'string' &&
    canonicalLocale(record.locale) === record.locale &&
    typeof record.timeZone === 'string' &&
    isTimeZone(record.timeZone)
  );
}

/** A `settings` broadcast carrying valid settings (src/kitchen/use-shop-settings.ts hears them). */
export function isSettingsBroadcast(value: unknown): value is SettingsBroadcast {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return message.v === PROTOCOL_VERSION && message.type === 'settings' && isShopSettings(message.settings);
}

export function sameSettings(a: ShopSettings, b: ShopSettings): boolean {
  return (
    a.kitchenWarningMinutes === b.kitchenWarningMinutes &&
    a.kitchenLateMinutes === b.kitchenLateMinutes &&
    a.shopName === b.shopName &&
    a.address.length === b.address.length &&
    a.address.every((line, i) => line === b.address[i]) &&
    a.taxId === b.taxId &&
    a.receiptFooter === b.receiptFooter &&
    a.locale === b.locale &&
    a.timeZone === b.timeZone
  );
}
