// PUT /api/settings body as a valibot schema: the server's edge. Same rules as isShopSettings (settings.ts),
// with messages that say which field is wrong.

import * as v from 'valibot';
import { KITCHEN_MINUTES_MAX, KITCHEN_MINUTES_MIN } from './settings.ts';

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
