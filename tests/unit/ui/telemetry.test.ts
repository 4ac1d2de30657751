// Telemetry from a device: the summary is a body the server accepts, the interval setting is bounded, and
// the sender reports each window's own samples, retries a failed report once and never more.
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostics } from '../../../protocol/messages.ts';
import { TelemetryBodySchema } from '../../../protocol/telemetry.ts';
import { DisplayTiming } from '../../../src/display-timing.ts';
import { startTelemetry, TELEMETRY_INTERVAL_MS, telemetryInterval } from '../../../src/telemetry-sender.ts';
import { telemetryBody } from '../../../src/telemetry-summary.ts';

const diagnostics: Diagnostics = {
  outboxDepth: 2,
  oldestWaitingAt: '2026-12-01T10:00:00.000Z',
  cacheHits: 3,
  cacheMisses: 1,
  pullsLastMinute: 0,
  lastSyncAt: null,
  pushConnected: true,
  recoveryTimesMs: [],
};
const start = Date.parse('2026-12-01T10:00:00.000Z');

describe('telemetryBody', () => {
  it('summarises a window into a body the server accepts', () => {
    const body = telemetryBody({
      windowStart: start,
      windowEnd: start + 60_000,
      display: { p50: 12.34, p95: 80.06, n: 40 },
      diagnostics,
      appVersion: '0.1.0',
    });
    expect(body).toMatchObject({
      displayMs: { p50: 12.3, p95: 80.1, n: 40 },
      cacheHitRatio: 0.75,
      outboxDepth: 2,
      oldestWaitingMs: 60_000,
    });
    expect(v.safeParse(TelemetryBodySchema, body).success).toBe(true);
  });

  it('reports an idle window (no samples, no lookups, nothing waiting) as valid zeros', () => {
    const body = telemetryBody({
      windowStart: start,
      windowEnd: start,
      display: { p50: null, p95: null, n: 0 },
      diagnostics: { ...diagnostics, cacheHits: 0, cacheMisses: 0, oldestWaitingAt: null, outboxDepth: 0 },
      appVersion: 'dev',
    });
    expect(body.displayMs).toEqual({ p50: 0, p95: 0, n: 0 });
    expect(body.oldestWaitingMs).toBe(0);
    expect(v.safeParse(TelemetryBodySchema, body).success).toBe(true);
  });
});

describe('telemetryInterval', () => {
  it('is a minute unless a setting shortens it, and never below the server allowance', () => {
    expect(telemetryInterval(null)).toBe(TELEMETRY_INTERVAL_MS);
    expect(telemetryInterval('nonsense')).toBe(TELEMETRY_INTERVAL_MS);
    expect(telemetryInterval('8000')).toBe(8000);
    expect(telemetryInterval('10')).toBe(6000);
    expect(telemetryInterval('999999')).toBe(TELEMETRY_INTERVAL_MS);
  });
});

describe('startTelemetry', () => {
  beforeEach(() => vi.useFakeTimers({ now: start }));
  afterEach(() => vi.useRealTimers());

  function run(answers: (number | 'network')[], mayReport = () => true) {
    const timing = new DisplayTiming(4);
    const sent: { displayMs: { n: number } }[] = [];
    const stop = startTelemetry({
      timing,
      diagnostics: async () => diagnostics,
      mayReport,
      appVersion: '0.1.0',
      intervalMs: 10_000,
      post: async (body) => {
        sent.push(body as { displayMs: { n: number } });
        const answer = answers.shift() ?? 204;
        if (answer === 'network') throw new TypeError('Failed to fetch');
        return new Response(null, { status: answer });
      },
    });
    return { timing, sent, stop };
  }

  it('counts only the samples recorded in each window, even when the ring is full', async () => {
    const { timing, sent, stop } = run([]);
    for (let i = 0; i < 6; i++) timing.record(5);
    await vi.advanceTimersByTimeAsync(10_000);
    timing.record(5);
    await vi.advanceTimersByTimeAsync(10_000);
    stop();
    expect(sent.map((body) => body.displayMs.n)).toEqual([6, 1]);
  });

  it('retries a failed report once, and a refused one not at all', async () => {
    const { sent, stop } = run(['network', 'network', 429]);
    await vi.advanceTimersByTimeAsync(10_000 + 5_000);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    stop();
    expect(sent).toHaveLength(3);
  });

  it('sends nothing while the device may not report (offline or unpaired)', async () => {
    const { sent, stop } = run([], () => false);
    await vi.advanceTimersByTimeAsync(30_000);
    stop();
    expect(sent).toHaveLength(0);
  });
});
