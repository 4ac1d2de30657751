// POST /api/telemetry and GET /api/telemetry/devices: valid windows are stored and show in the fleet view
// and /metrics; malformed, oversized or too frequent reports are 4xx and store nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetResponse, TelemetryBody } from '../../../protocol/telemetry.ts';
import { TELEMETRY_PER_MINUTE } from '../../../server/routes/telemetry-routes.ts';
import { OWNER_AUTH, memoryApp, type TestApp } from './order-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await memoryApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

function windowBody(overrides: Partial<TelemetryBody> = {}): TelemetryBody {
  const end = Date.now();
  return {
    windowStart: new Date(end - 60_000).toISOString(),
    windowEnd: new Date(end).toISOString(),
    displayMs: { p50: 20, p95: 50, n: 100 },
    cacheHitRatio: 0.9,
    outboxDepth: 0,
    oldestWaitingMs: 0,
    appVersion: '2.0.0',
    ...overrides,
  };
}

/** Until the auth hook identifies devices, a caller is its address: each test sends from its own. */
function send(from: string, payload: string | object) {
  return t.app.inject({
    method: 'POST',
    url: '/api/telemetry',
    remoteAddress: from,
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

async function fleet(): Promise<FleetResponse> {
  const res = await t.app.inject({ url: '/api/telemetry/devices', headers: OWNER_AUTH });
  expect(res.statusCode).toBe(200);
  return res.json<FleetResponse>();
}

const device = (response: FleetResponse, from: string) =>
  response.devices.find((d) => d.deviceId === `address:${from}`);

describe('telemetry', () => {
  it('stores windows and summarises the last hour per device, flagging p95 over 100 ms', async () => {
    expect((await send('10.0.0.1', windowBody())).statusCode).toBe(204);
    const last = windowBody({
      displayMs: { p50: 40, p95: 200, n: 300 },
      outboxDepth: 3,
      appVersion: '2.0.1',
    });
    expect((await send('10.0.0.1', last)).statusCode).toBe(204);
    expect((await send('10.0.0.2', windowBody({ displayMs: { p50: 30, p95: 80, n: 10 } }))).statusCode).toBe(
      204,
    );

    const answer = await fleet();
    expect(device(answer, '10.0.0.1')).toMatchObject({
      appVersion: '2.0.1',
      outboxDepth: 3,
      latest: { displayMs: { p50: 40, p95: 200, n: 300 }, windowEnd: last.windowEnd },
      // n-weighted: (20×100 + 40×300) / 400 and (50×100 + 200×300) / 400.
      lastHour: { windows: 2, n: 400, p50: 35, p95: 162.5 },
      flagged: true,
    });
    expect(device(answer, '10.0.0.2')).toMatchObject({ lastHour: { p95: 80 }, flagged: false });
  });

  it('feeds orderline_display_seconds with each window p95, by role', async () => {
    await send('10.0.0.3', windowBody({ displayMs: { p50: 1, p95: 3000, n: 5 } }));
    const metrics = await t.app.inject({ url: '/metrics', headers: OWNER_AUTH });
    expect(metrics.body).toMatch(/orderline_display_seconds_bucket\{le="2\.5",role="unknown"\} (\d+)/);
    const count = /orderline_display_seconds_count\{role="unknown"\} (\d+)/.exec(metrics.body);
    const sum = /orderline_display_seconds_sum\{role="unknown"\} ([\d.]+)/.exec(metrics.body);
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(sum?.[1])).toBeGreaterThanOrEqual(3);
  });

  it('refuses malformed and oversized reports with 4xx and stores nothing', async () => {
    const from = '10.0.0.4';
    const bad: [string | object, number][] = [
      ['{"windowStart":', 400],
      [{ ...windowBody(), extra: 1 }, 400],
      [windowBody({ displayMs: { p50: -1, p95: 5, n: 1 } }), 400],
      [windowBody({ displayMs: { p50: 60, p95: 50, n: 1 } }), 400],
      [windowBody({ cacheHitRatio: 1.5 }), 400],
      [windowBody({ windowStart: '2026-12-01T10:00:00Z', windowEnd: '2026-12-01T09:00:00Z' }), 400],
      [windowBody({ appVersion: '<script>' }), 400],
      [windowBody({ outboxDepth: 1.5 }), 400],
      [windowBody({ appVersion: 'x'.repeat(5000) }), 413],
    ];
    for (const [payload, status] of bad) {
      const res = await send(from, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(res.json<{ error: { code: string } }>().error.code).toBeTypeOf('string');
    }
    expect(device(await fleet(), from)).toBeUndefined();
  });

  it(`accepts at most ${TELEMETRY_PER_MINUTE} reports a minute from one device`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= TELEMETRY_PER_MINUTE; i++)
      statuses.push((await send('10.0.0.5', windowBody())).statusCode);
    expect(statuses).toEqual([...Array<number>(TELEMETRY_PER_MINUTE).fill(204), 429]);
    expect(device(await fleet(), '10.0.0.5')?.lastHour.windows).toBe(TELEMETRY_PER_MINUTE);
    expect((await send('10.0.0.6', windowBody())).statusCode).toBe(204); // another device is not held back
  });
});
