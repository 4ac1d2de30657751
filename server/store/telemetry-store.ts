// Per-device telemetry windows (device_telemetry, migration 004): kept 24 hours, pruned on insert, and
// summarised per device for the owner's fleet view.

import {
  FLAG_DISPLAY_P95_MS,
  type FleetDevice,
  type TelemetryBody,
  type TelemetryWindow,
} from '../../protocol/telemetry.ts';
import type { SqlDatabase } from './sql-database.ts';

export const TELEMETRY_KEEP_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

interface WindowRow {
  device_id: string;
  role: string;
  received_at: string;
  window_start: string;
  window_end: string;
  display_p50_ms: number;
  display_p95_ms: number;
  display_n: number;
  cache_hit_ratio: number;
  outbox_depth: number;
  oldest_waiting_ms: number;
  app_version: string;
  hour_windows: number | string;
  hour_n: number | string;
  hour_p50: number | null;
  hour_p95: number | null;
}

export interface TelemetryStore {
  record(deviceId: string, role: string, body: TelemetryBody): Promise<void>;
  fleet(): Promise<FleetDevice[]>;
}

export function createTelemetryStore(db: SqlDatabase, now: () => Date = () => new Date()): TelemetryStore {
  return {
    async record(deviceId, role, body) {
      const at = now();
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM device_telemetry WHERE received_at < $1', [
          new Date(at.getTime() - TELEMETRY_KEEP_MS).toISOString(),
        ]);
        await tx.query(
          `INSERT INTO device_telemetry (device_id, role, received_at, window_start, window_end, display_p50_ms,
             display_p95_ms, display_n, cache_hit_ratio, outbox_depth, oldest_waiting_ms, app_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            deviceId,
            role,
            at.toISOString(),
            body.windowStart,
            body.windowEnd,
            body.displayMs.p50,
            body.displayMs.p95,
            body.displayMs.n,
            body.cacheHitRatio,
            body.outboxDepth,
            body.oldestWaitingMs,
            body.appVersion,
          ],
        );
      });
    },

    async fleet() {
      const at = now().getTime();
      // Weighted by n so a window with 3 samples does not count as much as one with 3,000; a window of
      // n = 0 measured nothing and only says the device is alive.
      const rows = await db.query<WindowRow>(
        `WITH latest AS (
           SELECT DISTINCT ON (device_id) * FROM device_telemetry
           WHERE received_at >= $1 ORDER BY device_id, received_at DESC, id DESC),
         hour AS (
           SELECT device_id, count(*) AS hour_windows, sum(display_n) AS hour_n,
                  sum(display_p50_ms * display_n) / nullif(sum(display_n), 0) AS hour_p50,
                  sum(display_p95_ms * display_n) / nullif(sum(display_n), 0) AS hour_p95
           FROM device_telemetry WHERE received_at >= $2 GROUP BY device_id)
         SELECT latest.*, coalesce(hour.hour_windows, 0) AS hour_windows, coalesce(hour.hour_n, 0) AS hour_n,
                hour.hour_p50, hour.hour_p95
         FROM latest LEFT JOIN hour USING (device_id)
         ORDER BY latest.received_at DESC`,
        [new Date(at - TELEMETRY_KEEP_MS).toISOString(), new Date(at - HOUR_MS).toISOString()],
      );
      return rows.map((row): FleetDevice => {
        const latest: TelemetryWindow = {
          windowStart: row.window_start,
          windowEnd: row.window_end,
          displayMs: { p50: row.display_p50_ms, p95: row.display_p95_ms, n: row.display_n },
          cacheHitRatio: row.cache_hit_ratio,
          outboxDepth: row.outbox_depth,
          oldestWaitingMs: row.oldest_waiting_ms,
          appVersion: row.app_version,
        };
        const p95 = row.hour_p95 === null ? null : Number(row.hour_p95);
        return {
          deviceId: row.device_id,
          role: row.role,
          lastSeenAt: row.received_at,
          appVersion: row.app_version,
          outboxDepth: row.outbox_depth,
          latest,
          lastHour: {
            windows: Number(row.hour_windows),
            n: Number(row.hour_n),
            p50: row.hour_p50 === null ? null : Number(row.hour_p50),
            p95,
          },
          flagged: p95 !== null && p95 > FLAG_DISPLAY_P95_MS,
        };
      });
    },
  };
}
