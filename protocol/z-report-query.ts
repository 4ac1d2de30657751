// Queries of GET /api/drawer and GET /api/reports/z (DESIGN.md "HTTP API, part 3"). Pure: no DOM, no Node.

import * as v from 'valibot';
import { UuidSchema } from './schemas.ts';

export const DrawerQuerySchema = v.strictObject({ deviceId: v.optional(UuidSchema) });

/** A day (`2026-12-06`, UTC) or an instant (`2026-12-06T08:00:00Z`). */
const DAY = /^20[0-9]{2}-[0-9]{2}-[0-9]{2}$/;
const boundSchema = v.pipe(
  v.string('must be a string'),
  v.check(
    (s) => (DAY.test(s) || v.is(v.pipe(v.string(), v.isoTimestamp()), s)) && Number.isFinite(Date.parse(s)),
    'must be a date YYYY-MM-DD or an ISO 8601 timestamp',
  ),
);

/**
 * `from` (inclusive) and `to` (a day: through its end; an instant: exclusive) bound the reports' closedAt;
 * `format=csv` answers one row per report.
 */
export const ZReportListQuerySchema = v.strictObject({
  from: v.optional(boundSchema),
  to: v.optional(boundSchema),
  format: v.optional(v.picklist(['json', 'csv'], 'must be json or csv'), 'json'),
});

export const ZNumberSchema = v.pipe(
  v.string(),
  v.regex(/^[1-9][0-9]{0,8}$/, 'must be a Z number'),
  v.transform(Number),
);

/** The instants a listing's bounds stand for (ISO, UTC), as compared with closedAt. */
export function zListRange(from?: string, to?: string): { from: string | null; to: string | null } {
  const instant = (s: string, endOfDay: boolean) => {
    const at = Date.parse(DAY.test(s) ? `${s}T00:00:00Z` : s) + (endOfDay && DAY.test(s) ? 86_400_000 : 0);
    return new Date(at).toISOString();
  };
  return {
    from: from === undefined ? null : instant(from, false),
    to: to === undefined ? null : instant(to, true),
  };
}
