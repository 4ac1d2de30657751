// Property: arbitrary bodies, content types and query strings sent to /api/settings never cause a 5xx,
// always carry the API header and error shape, and only a valid PUT or PATCH changes the stored settings.

import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsPatchSchema, ShopSettingsSchema } from '../../../protocol/settings-schema.ts';
import { OWNER_AUTH, memoryApp, type TestApp } from './order-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await memoryApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('\u0000', '\uD800', '💥', '1e3', 'NaN', '-0'),
);
const minutes = fc.oneof(
  fc.integer({ min: -5, max: 250 }),
  fc.double(),
  fc.constantFrom(0, 1, 239, 240, 241, 1e308, -0),
  text,
  fc.boolean(),
  fc.constant(null),
);
const settingsLike = fc.record(
  { kitchenWarningMinutes: minutes, kitchenLateMinutes: minutes, bogus: minutes },
  { requiredKeys: [] },
);
const rawBody = fc.oneof(
  settingsLike.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 30 }),
  fc.constant(undefined),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);

/** Encoded text, or raw bytes a URL should not hold (a stray or malformed percent escape). */
const queryPart = fc.oneof(
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '&', '=', '%00'),
);

function expectApiAnswer(res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }) {
  expect(res.statusCode).toBeLessThan(500);
  expect(res.headers['x-orderline-api']).toBe('1');
  if (res.statusCode >= 400)
    expect(Object.keys(res.json<{ error: object }>().error)).toEqual(['code', 'message']);
}

function isValidPut(body: string | undefined, type: string | undefined): boolean {
  if (body === undefined || !type?.startsWith('application/json')) return false;
  try {
    return v.safeParse(ShopSettingsSchema, JSON.parse(body)).success;
  } catch {
    return false;
  }
}

const lines = fc.oneof(
  fc.array(fc.oneof(text, fc.constantFrom('Hauptstr. 1', '  10115 Berlin ', '')), { maxLength: 6 }),
  text,
  fc.constant(null),
);
const detailsLike = fc.record(
  {
    shopName: fc.oneof(text, fc.constantFrom('Café Aurora', ' x ', 'y'.repeat(61))),
    address: lines,
    taxId: fc.oneof(text, fc.constant('DE123456789')),
    receiptFooter: fc.oneof(text, fc.constant('Thank you!')),
    locale: fc.oneof(text, fc.constantFrom('de-DE', 'en-us', 'fr', 'zh-Hant-TW', 'ar', 'en_GB', 'x', '')),
    timeZone: fc.oneof(
      text,
      fc.constantFrom('Europe/Berlin', 'UTC', 'Asia/Tokyo', 'Mars/Base', '+02:00', ''),
    ),
    kitchenWarningMinutes: minutes,
    kitchenLateMinutes: minutes,
    bogus: minutes,
  },
  { requiredKeys: [] },
);
const patchBody = fc.oneof(
  { weight: 4, arbitrary: detailsLike.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: rawBody },
);

/** What a valid PATCH would store over the fields it names (valibot's own reading: trimmed, canonical). */
function validPatch(body: string | undefined, type: string | undefined): Record<string, unknown> | null {
  if (body === undefined || !type?.startsWith('application/json')) return null;
  try {
    const result = v.safeParse(SettingsPatchSchema, JSON.parse(body));
    return result.success ? result.output : null;
  } catch {
    return null;
  }
}

async function stored(): Promise<string> {
  return (await t.app.inject({ url: '/api/settings', headers: OWNER_AUTH })).body;
}

describe('arbitrary requests to /api/settings', () => {
  it('PUT never answers 5xx; only a valid body changes the settings, and to exactly that body', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, async (body, type) => {
        const before = await stored();
        const res = await t.app.inject({
          method: 'PUT',
          url: '/api/settings',
          headers: { ...OWNER_AUTH, ...(type ? { 'content-type': type } : {}) },
          ...(body === undefined ? {} : { payload: body }),
        });
        expectApiAnswer(res);
        if (isValidPut(body, type)) {
          expect(res.statusCode).toBe(200);
          expect(JSON.parse(await stored())).toEqual({ ...JSON.parse(before), ...JSON.parse(body!) });
        } else {
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(await stored()).toBe(before);
        }
      }),
      { numRuns: 300, seed: 20261202 },
    );
  }, 300_000);

  it('PATCH never answers 5xx; a valid subset changes exactly those fields, anything else changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(patchBody, contentType, async (body, type) => {
        const before = JSON.parse(await stored()) as Record<string, unknown>;
        const res = await t.app.inject({
          method: 'PATCH',
          url: '/api/settings',
          headers: { ...OWNER_AUTH, ...(type ? { 'content-type': type } : {}) },
          ...(body === undefined ? {} : { payload: body }),
        });
        expectApiAnswer(res);
        const after = JSON.parse(await stored()) as Record<string, unknown>;
        const patch = validPatch(body, type);
        const next = patch && { ...before, ...patch };
        if (next && (next.kitchenWarningMinutes as number) < (next.kitchenLateMinutes as number)) {
          expect(res.statusCode).toBe(200);
          expect(after).toEqual(next);
          expect(res.json()).toEqual(next);
        } else {
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 400, seed: 20261206 },
    );
  }, 300_000);

  it('GET with any query string never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(queryPart, queryPart), { maxLength: 3 }), async (pairs) => {
        const query = pairs.map(([k, val]) => `${k}=${val}`).join('&');
        const res = await t.app.inject({ url: `/api/settings?${query}`, headers: OWNER_AUTH });
        expectApiAnswer(res);
      }),
      { numRuns: 100, seed: 20261202 },
    );
  }, 300_000);
});
