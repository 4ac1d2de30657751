// The shop's settings (kitchen thresholds) over HTTP and in the store: defaults until saved, any paired
// device reads them, only the owner saves them, bad bodies are 400 and change nothing, and a save is pushed
// as `event: settings` (and told again to a stream reconnecting).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import { DEFAULT_SETTINGS, type ShopSettings } from '../../../protocol/settings.ts';
import { createSettingsStore } from '../../../server/store/settings-store.ts';
import { OWNER_AUTH } from './order-fixtures.ts';
import { pairDevice } from './device-fixtures.ts';
import { listeningMemoryApp, type ListeningApp } from './listening-app.ts';
import type { SseConnection } from './sse-client.ts';

let t: ListeningApp;

beforeAll(async () => {
  t = await listeningMemoryApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

function getSettings(headers: Record<string, string> = OWNER_AUTH) {
  return t.app.inject({ url: '/api/settings', headers });
}

function putSettings(body: unknown, headers: Record<string, string> = OWNER_AUTH) {
  return t.app.inject({
    method: 'PUT',
    url: '/api/settings',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

const errorOf = (res: { json: <T>() => T }) => res.json<ApiError>().error;

describe('GET and PUT /api/settings', () => {
  it('answers the defaults, 5 and 10 minutes, before the owner ever saved', async () => {
    const res = await getSettings();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 5, kitchenLateMinutes: 10 });
  });

  it('the owner saves new thresholds; every role reads them back', async () => {
    const res = await putSettings({ kitchenWarningMinutes: 3, kitchenLateMinutes: 7 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 3, kitchenLateMinutes: 7 });
    for (const role of ['owner', 'counter', 'kitchen', 'display'] as const) {
      const device = await pairDevice(t.app, role);
      const read = await getSettings(device.auth);
      expect([role, read.statusCode, read.json()]).toEqual([
        role,
        200,
        { ...DEFAULT_SETTINGS, kitchenWarningMinutes: 3, kitchenLateMinutes: 7 },
      ]);
    }
  });

  it('only the owner may save: counter, kitchen and display get 403 and nothing changes', async () => {
    const before = (await getSettings()).json<ShopSettings>();
    for (const role of ['counter', 'kitchen', 'display'] as const) {
      const device = await pairDevice(t.app, role);
      const res = await putSettings({ kitchenWarningMinutes: 1, kitchenLateMinutes: 2 }, device.auth);
      expect([role, res.statusCode, errorOf(res).code]).toEqual([role, 403, 'forbidden']);
    }
    expect((await getSettings()).json()).toEqual(before);
  });

  it('needs a paired device to read them', async () => {
    const res = await getSettings({});
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('unauthenticated');
  });

  it.each([
    ['warning not below late', { kitchenWarningMinutes: 10, kitchenLateMinutes: 10 }, 'less than'],
    ['warning above late', { kitchenWarningMinutes: 12, kitchenLateMinutes: 8 }, 'less than'],
    ['zero minutes', { kitchenWarningMinutes: 0, kitchenLateMinutes: 10 }, 'kitchenWarningMinutes'],
    ['over 240 minutes', { kitchenWarningMinutes: 5, kitchenLateMinutes: 241 }, 'kitchenLateMinutes'],
    ['a fraction', { kitchenWarningMinutes: 2.5, kitchenLateMinutes: 10 }, 'whole number'],
    ['a string', { kitchenWarningMinutes: '5', kitchenLateMinutes: 10 }, 'must be a number'],
    ['a missing field', { kitchenWarningMinutes: 5 }, 'kitchenLateMinutes'],
    ['an unknown field', { kitchenWarningMinutes: 5, kitchenLateMinutes: 10, colour: 'red' }, 'colour'],
    ['not an object', [5, 10], ''],
    ['null', null, ''],
  ])('400 invalid_body for %s, and nothing changes', async (_name, body, mentions) => {
    const before = (await getSettings()).json<ShopSettings>();
    const res = await putSettings(body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-orderline-api']).toBe('1');
    expect(errorOf(res).code).toBe('invalid_body');
    expect(errorOf(res).message).toContain(mentions);
    expect((await getSettings()).json()).toEqual(before);
  });

  it('accepts the edges of the range, 1 and 240', async () => {
    const res = await putSettings({ kitchenWarningMinutes: 1, kitchenLateMinutes: 240 });
    expect(res.statusCode).toBe(200);
    expect((await getSettings()).json()).toEqual({
      ...DEFAULT_SETTINGS,
      kitchenWarningMinutes: 1,
      kitchenLateMinutes: 240,
    });
  });

  it('a body that is not JSON is a 400 or 415 in the API error shape', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
      payload: '{"kitchenWarningMinutes":',
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(errorOf(res))).toEqual(['code', 'message']);
    const text = await t.app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: { ...OWNER_AUTH, 'content-type': 'text/plain' },
      payload: 'warning=5',
    });
    expect(text.statusCode).toBe(415);
  });
});

describe('settings push', () => {
  const connect = (headers: Record<string, string> = {}): Promise<SseConnection> => t.openEvents(headers);

  it('pushes event: settings with the saved values to connected streams, without an id', async () => {
    const stream = await connect();
    await stream.waitFor((event) => event.retry === 1000);
    await putSettings({ kitchenWarningMinutes: 4, kitchenLateMinutes: 9 });
    const event = await stream.waitFor(
      (e) => e.event === 'settings' && JSON.parse(e.data).kitchenWarningMinutes === 4,
    );
    expect(JSON.parse(event.data)).toEqual({
      ...DEFAULT_SETTINGS,
      kitchenWarningMinutes: 4,
      kitchenLateMinutes: 9,
    });
    expect(event.id).toBeUndefined();
  });

  it('saving the same values again pushes nothing new', async () => {
    await putSettings({ kitchenWarningMinutes: 6, kitchenLateMinutes: 12 });
    const stream = await connect();
    await stream.waitFor((event) => event.retry === 1000);
    expect((await putSettings({ kitchenWarningMinutes: 6, kitchenLateMinutes: 12 })).statusCode).toBe(200);
    await putSettings({ kitchenWarningMinutes: 2, kitchenLateMinutes: 3 });
    await stream.waitFor((e) => e.event === 'settings');
    expect(stream.events.filter((e) => e.event === 'settings').map((e) => JSON.parse(e.data))).toEqual([
      { ...DEFAULT_SETTINGS, kitchenWarningMinutes: 2, kitchenLateMinutes: 3 },
    ]);
  });

  it('a stream reconnecting with Last-Event-ID is told the current settings after its replay', async () => {
    await putSettings({ kitchenWarningMinutes: 8, kitchenLateMinutes: 15 });
    const stream = await connect({ 'last-event-id': '0' });
    const event = await stream.waitFor((e) => e.event === 'settings');
    expect(JSON.parse(event.data)).toEqual({
      ...DEFAULT_SETTINGS,
      kitchenWarningMinutes: 8,
      kitchenLateMinutes: 15,
    });
  });
});

describe('settings store', () => {
  it('a second store over the same database reads what the first saved (they survive a restart)', async () => {
    const first = await createSettingsStore(t.store.database);
    await first.put({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 11, kitchenLateMinutes: 22 });
    const second = await createSettingsStore(t.store.database);
    expect(await second.current()).toEqual({
      ...DEFAULT_SETTINGS,
      kitchenWarningMinutes: 11,
      kitchenLateMinutes: 22,
    });
  });

  it('tells subscribers each change once, in the order saved', async () => {
    const store = await createSettingsStore(t.store.database);
    const seen: ShopSettings[] = [];
    store.subscribe((settings) => seen.push(settings));
    await Promise.all([
      store.put({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 1, kitchenLateMinutes: 2 }),
      store.put({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 3, kitchenLateMinutes: 4 }),
    ]);
    await store.put({ ...DEFAULT_SETTINGS, kitchenWarningMinutes: 3, kitchenLateMinutes: 4 });
    expect(seen.at(-1)).toEqual(await store.current());
    expect(seen).toEqual([...new Map(seen.map((s) => [JSON.stringify(s), s])).values()]);
  });

  it("the defaults are the design's 5 and 10 minutes", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ kitchenWarningMinutes: 5, kitchenLateMinutes: 10 });
  });
});
