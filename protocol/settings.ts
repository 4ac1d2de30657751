// The shop's settings (an addition to DESIGN.md Part 2, docs/decisions.md): today the kitchen's warning and
// late thresholds, as GET/PUT /api/settings and the `settings` SSE event carry them. No valibot here: the page
// and the SW narrow with the plain guard below, so the main bundle stays small (the server's schema is in
// settings-schema.ts and states the same rules).

/** A ticket older than four hours is not "late", it is forgotten: a bigger number is a typo. */
export const KITCHEN_MINUTES_MIN = 1;
export const KITCHEN_MINUTES_MAX = 240;

export interface ShopSettings {
  kitchenWarningMinutes: number;
  kitchenLateMinutes: number;
}

/** DESIGN.md Part 2, "Kitchen": warning at 5 minutes, late at 10, until the owner says otherwise. */
export const DEFAULT_SETTINGS: ShopSettings = { kitchenWarningMinutes: 5, kitchenLateMinutes: 10 };

function isMinutes(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= KITCHEN_MINUTES_MIN &&
    value <= KITCHEN_MINUTES_MAX
  );
}

/** The same rules as ShopSettingsSchema: whole minutes in range, warning before late. */
export function isShopSettings(value: unknown): value is ShopSettings {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    isMinutes(record.kitchenWarningMinutes) &&
    isMinutes(record.kitchenLateMinutes) &&
    record.kitchenWarningMinutes < record.kitchenLateMinutes
  );
}

export function sameSettings(a: ShopSettings, b: ShopSettings): boolean {
  return a.kitchenWarningMinutes === b.kitchenWarningMinutes && a.kitchenLateMinutes === b.kitchenLateMinutes;
}
