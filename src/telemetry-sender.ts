// The leader tab's once-a-minute telemetry report (DESIGN.md Part 2): display times, cache hit ratio and the
// outbox, sent straight to POST /api/telemetry. Fire-and-forget: never through the outbox, one retry at most,
// nothing sent while offline or unpaired. Not a poll: it reads nothing back.
import type { Diagnostics } from '../protocol/messages.ts';
import type { DisplayTiming } from './display-timing.ts';
import { telemetryBody } from './telemetry-summary.ts';

export const TELEMETRY_INTERVAL_MS = 60_000;
/** Tests shorten the interval with this localStorage key, read once at start (the server allows 10 a minute). */
export const TELEMETRY_INTERVAL_KEY = 'orderline.telemetryIntervalMs';
const MIN_INTERVAL_MS = 6_000;
const RETRY_DELAY_MS = 5_000;

export function telemetryInterval(setting: string | null): number {
  const value = setting === null ? NaN : Number(setting);
  if (!Number.isFinite(value)) return TELEMETRY_INTERVAL_MS;
  return Math.min(TELEMETRY_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(value)));
}

export interface TelemetrySenderEnv {
  timing: DisplayTiming;
  diagnostics: () => Promise<Diagnostics>;
  mayReport: () => boolean;
  appVersion: string;
  intervalMs: number;
  post: (body: unknown) => Promise<Response>;
  now?: () => number;
}

/** Starts the reports; returns a stop function. */
export function startTelemetry(env: TelemetrySenderEnv): () => void {
  const now = env.now ?? Date.now;
  let windowStart = now();
  let seenSamples = env.timing.total;

  const send = async () => {
    if (!env.mayReport()) return;
    const windowEnd = now();
    const total = env.timing.total;
    const body = telemetryBody({
      windowStart,
      windowEnd,
      display: {
        p50: env.timing.percentile(50),
        p95: env.timing.percentile(95),
        n: Math.min(total - seenSamples, 10_000_000),
      },
      diagnostics: await env.diagnostics(),
      appVersion: env.appVersion,
    });
    windowStart = windowEnd;
    seenSamples = total;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const response = await env.post(body);
        // A 4xx would be refused again (bad body, rate limit, signed out): only a server fault is retried.
        if (response.status < 500) return;
      } catch {
        // No answer: retried once below, then the window is dropped (the next one reports afresh).
      }
      if (attempt === 0) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  };

  const timer = setInterval(() => {
    send().catch((error: unknown) => console.warn('telemetry report failed', error));
  }, env.intervalMs);
  return () => clearInterval(timer);
}

export function postTelemetry(body: unknown): Promise<Response> {
  return fetch('/api/telemetry', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
}
