// Property: arbitrary query strings for history and the day report, and arbitrary telemetry bodies,
// never cause a 5xx, always carry the API header and error shape, and invalid telemetry stores nothing.

import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelemetryBodySchema } from '../../../protocol/telemetry.ts';
import { OWNER_AUTH, createBody, memoryApp, patchOrder, postOrder, type TestApp } from './order-fixtures.ts';
import type { Order } from '../../../protocol/order.ts';

let t: TestApp;
beforeAll(async () => {
  t = await memoryApp();
  const order = (await postOrder(t.app, createBody())).json<Order>();
  await patchOrder(t.app, order.id, { status: 'completed' });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '\u0000',
    '%',
    '_',
    '\\',
    "'",
    '2026-02-30',
    '2026-06-10',
    'Europe/Berlin',
    'Etc/GMT+3',
    'UTC',
    '💥',
  ),
);
const value = fc.oneof(text, fc.integer({ min: -10, max: 1000 }).map(String), fc.uuid());
const historyKey = fc.constantFrom('from', 'to', 'q', 'status', 'limit', 'cursor', 'bogus');
const reportKey = fc.constantFrom('date', 'tz', 'format', 'table', 'bogus');

function queryString(pairs: [string, string][]): string {
  return pairs.map(([k, val]) => `${encodeURIComponent(k)}=${encodeURIComponent(val)}`).join('&');
}

function expectApiAnswer(res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }) {
  expect(res.statusCode).toBeLessThan(500);
  expect(res.headers['x-orderline-api']).toBe('1');
  if (res.statusCode >= 400)
    expect(Object.keys(res.json<{ error: object }>().error)).toEqual(['code', 'message']);
}

async function telemetryRows(): Promise<number> {
  const rows = await t.store.database.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM device_telemetry',
  );
  return Number(rows[0]?.n);
}

describe('arbitrary requests to the history, report and telemetry routes', () => {
  it('GET /api/orders/history never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(historyKey, value), { maxLength: 4 }), async (pairs) => {
        expectApiAnswer(
          await t.app.inject({ url: `/api/orders/history?${queryString(pairs)}`, headers: OWNER_AUTH }),
        );
      }),
      { numRuns: 200, seed: 20261201 },
    );
  }, 300_000);

  it('GET /api/reports/day never answers 5xx', async () => {
    const date = fc.oneof(
      value,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
    const tz = fc.constantFrom(
      ...Intl.supportedValuesOf('timeZone').slice(0, 400),
      'UTC',
      'utc',
      'Europe/berlin',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.tuple(reportKey, value),
            fc.tuple(fc.constant('date'), date),
            fc.tuple(fc.constant('tz'), tz),
            fc.tuple(fc.constant('format'), fc.constantFrom('csv', 'json')),
            fc.tuple(fc.constant('table'), fc.constantFrom('orders', 'items', 'Items', '')),
          ),
          {
            maxLength: 4,
          },
        ),
        async (pairs) => {
          expectApiAnswer(
            await t.app.inject({ url: `/api/reports/day?${queryString(pairs)}`, headers: OWNER_AUTH }),
          );
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
  }, 300_000);

  it('POST /api/telemetry never answers 5xx and stores only valid windows', async () => {
    const num = fc.oneof(fc.double(), fc.integer(), text, fc.constant(null));
    const body = fc.record(
      {
        windowStart: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          text,
        ),
        windowEnd: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          text,
        ),
        displayMs: fc.oneof(fc.record({ p50: num, p95: num, n: num }, { requiredKeys: [] }), num),
        cacheHitRatio: num,
        outboxDepth: num,
        oldestWaitingMs: num,
        appVersion: fc.oneof(fc.constantFrom('2.0.0', ''), text),
        extra: num,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          body.map((b) => JSON.stringify(b)),
          fc.string({ maxLength: 40 }),
        ),
        async (payload) => {
          const before = await telemetryRows();
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/telemetry',
            headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
            payload,
          });
          expectApiAnswer(res);
          let valid = false;
          try {
            valid = v.safeParse(TelemetryBodySchema, JSON.parse(payload)).success;
          } catch {
            valid = false;
          }
          // A valid report may still meet the per-device limit (429); only a 204 stores, and only a valid one.
          if (!valid) expect(res.statusCode).not.toBe(204);
          expect(await telemetryRows()).toBe(res.statusCode === 204 ? before + 1 : before);
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
  }, 300_000);
});
