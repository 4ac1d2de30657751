// Turns what this tab measured over one window (display times, the SW's diagnostics) into the
// POST /api/telemetry body. Pure: the sender (src/telemetry-sender.ts) supplies the clock and the numbers.
import type { Diagnostics } from '../protocol/messages.ts';
import type { TelemetryBody } from '../protocol/telemetry.ts';

export interface DisplaySummary {
  p50: number | null;
  p95: number | null;
  n: number;
}

export function telemetryBody(input: {
  windowStart: number;
  windowEnd: number;
  display: DisplaySummary;
  diagnostics: Diagnostics;
  appVersion: string;
}): TelemetryBody {
  const { display, diagnostics } = input;
  const lookups = diagnostics.cacheHits + diagnostics.cacheMisses;
  // The ring's nearest-rank p95 is never below its p50; rounding to 0.1 ms keeps that (both round the same way).
  const round = (ms: number | null) => (ms === null ? 0 : Math.round(ms * 10) / 10);
  const oldestWaitingMs =
    diagnostics.oldestWaitingAt === null
      ? 0
      : Math.max(0, input.windowEnd - Date.parse(diagnostics.oldestWaitingAt));
  return {
    windowStart: new Date(input.windowStart).toISOString(),
    windowEnd: new Date(Math.max(input.windowStart, input.windowEnd)).toISOString(),
    displayMs: { p50: round(display.p50), p95: round(display.p95), n: display.n },
    cacheHitRatio: lookups === 0 ? 1 : diagnostics.cacheHits / lookups,
    outboxDepth: diagnostics.outboxDepth,
    // The schema caps at a day: an order stuck longer still reads as "a day", not as a rejected report.
    oldestWaitingMs: Math.min(86_400_000, oldestWaitingMs),
    appVersion: input.appVersion,
  };
}
