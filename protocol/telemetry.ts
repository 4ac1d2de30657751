// POST /api/telemetry and GET /api/telemetry/devices (DESIGN.md "HTTP API, part 2"): what a device
// reports about one window of its own display latency and outbox, and the owner's fleet view of it.

import * as v from 'valibot';
import { isCalendarDate } from './schemas.ts';

/** A device is flagged when its display p95 over the last hour exceeds the other-device budget. */
export const FLAG_DISPLAY_P95_MS = 100;
/** A body is a handful of numbers: anything larger is not telemetry. */
export const TELEMETRY_MAX_BODY_BYTES = 4096;

const ms = v.pipe(
  v.number('must be a number'),
  v.finite('must be finite'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(86_400_000, 'must be at most a day'),
);
const count = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(10_000_000, 'is too large'),
);
const timestamp = v.pipe(
  v.string('must be a string'),
  v.isoTimestamp('must be an ISO 8601 timestamp'),
  v.check(isCalendarDate, 'must be a real date'),
  v.transform((s) => new Date(s).toISOString()),
);

export const TelemetryBodySchema = v.pipe(
  v.strictObject({
    windowStart: timestamp,
    windowEnd: timestamp,
    displayMs: v.strictObject({ p50: ms, p95: ms, n: count }),
    cacheHitRatio: v.pipe(
      v.number('must be a number'),
      v.finite('must be finite'),
      v.minValue(0, 'must be 0..1'),
      v.maxValue(1, 'must be 0..1'),
    ),
    outboxDepth: count,
    oldestWaitingMs: ms,
    appVersion: v.pipe(
      v.string('must be a string'),
      v.regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$/, 'must be a version'),
    ),
  }),
  v.check((body) => body.windowEnd >= body.windowStart, 'windowEnd must not be before windowStart'),
  v.check((body) => body.displayMs.p95 >= body.displayMs.p50, 'displayMs.p95 must not be below p50'),
);
export type TelemetryBody = v.InferOutput<typeof TelemetryBodySchema>;

export interface TelemetryWindow {
  windowStart: string;
  windowEnd: string;
  displayMs: { p50: number; p95: number; n: number };
  cacheHitRatio: number;
  outboxDepth: number;
  oldestWaitingMs: number;
  appVersion: string;
}

export interface FleetDevice {
  deviceId: string;
  role: string;
  lastSeenAt: string;
  appVersion: string;
  outboxDepth: number;
  latest: TelemetryWindow;
  /** Windows received in the last hour; p50/p95 are their means weighted by sample count n. */
  lastHour: { windows: number; n: number; p50: number | null; p95: number | null };
  /** lastHour.p95 > FLAG_DISPLAY_P95_MS. */
  flagged: boolean;
}

export interface FleetResponse {
  devices: FleetDevice[];
}
