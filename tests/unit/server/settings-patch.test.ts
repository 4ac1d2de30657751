// PATCH /api/settings (DESIGN "HTTP API, part 3"): the shop's details, any subset at a time; bad input is a
// 400 with a code that names the field and writes nothing; PUT of the thresholds keeps the details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import { DEFAULT_SETTINGS, type ShopSettings } from '../../../protocol/settings.ts';
import { OWNER_AUTH, memoryApp, type TestApp } from './order-fixtures.ts';
import { pairDevice } from './device-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await memoryApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

function send(method: 'PATCH' | 'PUT', body: unknown, headers: Record<string, string> = OWNER_AUTH) {
  return t.app.inject({
    method,
    url: '/api/settings',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}
const stored = async () =>
  (await t.app.inject({ url: '/api/settings', headers: OWNER_AUTH })).json<ShopSettings>();

describe('PATCH /api/settings', () => {
  it('answers every field, the defaults before any save', async () => {
    expect(await stored()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves any subset and keeps the rest; canonicalises the locale and trims texts', async () => {
    let res = await send('PATCH', {
      shopName: '  Café Aurora ',
      address: ['Hauptstr. 1', '', '10115 Berlin'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ...DEFAULT_SETTINGS,
      shopName: 'Café Aurora',
      address: ['Hauptstr. 1', '10115 Berlin'],
    });
    res = await send('PATCH', { locale: 'de-de', timeZone: 'Europe/Berlin', taxId: 'DE123456789' });
    expect(res.statusCode).toBe(200);
    res = await send('PATCH', { receiptFooter: 'Danke!', kitchenLateMinutes: 12 });
    expect(await stored()).toEqual({
      ...DEFAULT_SETTINGS,
      kitchenLateMinutes: 12,
      shopName: 'Café Aurora',
      address: ['Hauptstr. 1', '10115 Berlin'],
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      taxId: 'DE123456789',
      receiptFooter: 'Danke!',
    });
    expect((await send('PATCH', {})).json()).toEqual(await stored());
  });

  it('PUT of the thresholds (Part 2) leaves the shop details as they are', async () => {
    const before = await stored();
    const res = await send('PUT', { kitchenWarningMinutes: 4, kitchenLateMinutes: 9 });
    expect(res.statusCode).toBe(200);
    expect(await stored()).toEqual({ ...before, kitchenWarningMinutes: 4, kitchenLateMinutes: 9 });
  });

  it.each([
    ['a locale that is no BCP 47 tag', { locale: 'english please' }, 'locale'],
    ['an empty locale', { locale: '' }, 'locale'],
    ['a made-up time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a time zone offset', { timeZone: '+02:00' }, 'timeZone'],
    ['five address lines', { address: ['1', '2', '3', '4', '5'] }, 'address'],
    ['an address as one string', { address: 'Hauptstr. 1' }, 'address'],
    ['a control character', { shopName: 'Caf\u0007e' }, 'control character'],
    ['a bidi override', { receiptFooter: 'a\u202eb' }, 'bidi'],
    ['a long name', { shopName: 'x'.repeat(61) }, 'shopName'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['warning no longer before late', { kitchenWarningMinutes: 30 }, 'less than'],
    ['not an object', ['shopName'], 'Invalid key'],
  ])('%s is a 400 invalid_body naming it, and nothing is written', async (_name, body, words) => {
    const before = await stored();
    const res = await send('PATCH', body);
    expect(res.statusCode).toBe(400);
    const { error } = res.json<ApiError>();
    expect(error.code).toBe('invalid_body');
    expect(error.message).toContain(words);
    expect(await stored()).toEqual(before);
  });

  it('only the owner may patch; the other roles get 403 and change nothing', async () => {
    const before = await stored();
    for (const role of ['counter', 'kitchen', 'display'] as const) {
      const device = await pairDevice(t.app, role);
      const res = await send('PATCH', { shopName: 'Hijacked' }, device.auth);
      expect([role, res.statusCode]).toEqual([role, 403]);
      const read = await t.app.inject({ url: '/api/settings', headers: device.auth });
      expect(read.json()).toEqual(before);
    }
  });
});
