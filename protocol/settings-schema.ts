// PUT and PATCH /api/settings bodies as valibot schemas: the server's edge. Same rules as isShopSettings
// (settings.ts), with messages that say which field is wrong. PATCH takes any subset of the fields.

import * as v from 'valibot';
import {
  ADDRESS_LINES_MAX,
  canonicalLocale,
  KITCHEN_MINUTES_MAX,
  KITCHEN_MINUTES_MIN,
  SETTINGS_TEXT_MAX,
} from './settings.ts';
import { isKnownTimeZone } from './day-report.ts';
import { cleanTextSchema } from './text-hygiene.ts';

const MinutesSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number of minutes'),
  v.minValue(KITCHEN_MINUTES_MIN, `must be at least ${KITCHEN_MINUTES_MIN}`),
  v.maxValue(KITCHEN_MINUTES_MAX, `must be at most ${KITCHEN_MINUTES_MAX}`),
);

export const ShopSettingsSchema = v.pipe(
  v.strictObject({
    kitchenWarningMinutes: MinutesSchema,
    kitchenLateMinutes: MinutesSchema,
  }),
  v.check(
    (s) => s.kitchenWarningMinutes < s.kitchenLateMinutes,
    'kitchenWarningMinutes must be less than kitchenLateMinutes',
  ),
);

/** Leading and trailing blanks are never meant: they would only shift a centred receipt line. */
function trimmed(max: number) {
  return v.pipe(cleanTextSchema(max), v.trim());
}

const LocaleSchema = v.pipe(
  v.string('must be a string'),
  v.check((tag) => canonicalLocale(tag) !== null, 'must be a BCP 47 language tag such as en, de-DE or fr-CA'),
  v.transform((tag) => canonicalLocale(tag) ?? tag),
);

const TimeZoneSchema = v.pipe(
  v.string('must be a string'),
  v.maxLength(SETTINGS_TEXT_MAX.timeZone, `must be at most ${SETTINGS_TEXT_MAX.timeZone} characters`),
  // The day report's own rule, so a zone saved here is always one the report accepts.
  v.check(isKnownTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
);

export const SettingsPatchSchema = v.strictObject({
  kitchenWarningMinutes: v.optional(MinutesSchema),
  kitchenLateMinutes: v.optional(MinutesSchema),
  shopName: v.optional(trimmed(SETTINGS_TEXT_MAX.shopName)),
  address: v.optional(
    v.pipe(
      v.array(trimmed(SETTINGS_TEXT_MAX.addressLine), 'must be a list of lines'),
      v.maxLength(ADDRESS_LINES_MAX, `must have at most ${ADDRESS_LINES_MAX} lines`),
      // A blank line in the middle is a typo, not a gap the receipt should print.
      v.transform((lines) => lines.filter((line) => line !== '')),
    ),
  ),
  taxId: v.optional(trimmed(SETTINGS_TEXT_MAX.taxId)),
  receiptFooter: v.optional(trimmed(SETTINGS_TEXT_MAX.receiptFooter)),
  locale: v.optional(LocaleSchema),
  timeZone: v.optional(TimeZoneSchema),
});
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;
