// The owner's versioned menu over HTTP: versions, archive, If-Match, validation that writes nothing,
// serialised edits, orders priced by the version their device showed, and `event: menu` on the stream.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import type { MenuResponse } from '../../../protocol/menu.ts';
import type { Order } from '../../../protocol/order.ts';
import { createBody, OWNER_AUTH, postOrder } from './order-fixtures.ts';
import { listeningMemoryApp, type ListeningApp } from './listening-app.ts';
import type { SseConnection } from './sse-client.ts';
import { pairDevice } from './device-fixtures.ts';

let t: ListeningApp;

beforeAll(async () => {
  t = await listeningMemoryApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function getMenu(query = ''): Promise<MenuResponse> {
  const res = await t.app.inject({ url: `/api/menu${query}`, headers: OWNER_AUTH });
  expect(res.statusCode).toBe(200);
  return res.json<MenuResponse>();
}

function edit(method: 'PUT' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method,
    url: `/api/menu/${path}`,
    headers: {
      ...OWNER_AUTH,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

function putItem(id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return edit('PUT', `items/${id}`, body, headers);
}

const item = (overrides: Record<string, unknown> = {}) => ({
  name: 'Flat white',
  priceCents: 380,
  category: 'coffee',
  available: true,
  ...overrides,
});

const errorCode = (res: { json: <T>() => T }) => res.json<ApiError>().error.code;
const priceOf = (menu: MenuResponse, id: string) => menu.items.find((entry) => entry.id === id)?.priceCents;

describe('GET /api/menu', () => {
  it('starts at version 1 with the sample, categories in order and every item available', async () => {
    const menu = await getMenu('?version=1');
    expect(menu.version).toBe(1);
    expect(menu.currency).toBe('EUR');
    expect(menu.categories.map((category) => category.id)).toEqual([
      'coffee',
      'tea-and-more',
      'bakery',
      'kitchen',
    ]);
    expect(menu.items.length).toBe(22);
    expect(menu.items.every((entry) => entry.available)).toBe(true);
    expect(menu.items[0]).toEqual({
      id: 'espresso',
      name: 'Espresso',
      priceCents: 250,
      category: 'coffee',
      available: true,
    });
  });

  it('answers 404 for a version never published and 400 for one that is not a number', async () => {
    const current = (await getMenu()).version;
    const future = await t.app.inject({ url: `/api/menu?version=${current + 1000}`, headers: OWNER_AUTH });
    expect(future.statusCode).toBe(404);
    expect(errorCode(future)).toBe('not_found');
    const zero = await t.app.inject({ url: '/api/menu?version=0', headers: OWNER_AUTH });
    expect(zero.statusCode).toBe(404);
    const junk = await t.app.inject({ url: '/api/menu?version=two', headers: OWNER_AUTH });
    expect(junk.statusCode).toBe(400);
  });
});

describe('menu edits', () => {
  it('each edit publishes version +1 and leaves older versions answering as they were', async () => {
    const before = await getMenu();
    const res = await putItem('americano', item({ name: 'Americano', priceCents: 310 }));
    expect(res.statusCode).toBe(200);
    const after = res.json<MenuResponse>();
    expect(after.version).toBe(before.version + 1);
    expect(priceOf(after, 'americano')).toBe(310);
    expect(await getMenu(`?version=${before.version}`)).toEqual(before);
    expect(priceOf(await getMenu('?version=1'), 'americano')).toBe(300);
  });

  it('an edit that changes nothing publishes no version', async () => {
    const before = await getMenu();
    const res = await putItem('espresso', item({ name: 'Espresso', priceCents: 250 }));
    expect(res.json<MenuResponse>().version).toBe(before.version);
  });

  it('archiving removes the item from the current menu only; it stays in every older version', async () => {
    const before = await getMenu();
    const res = await edit('DELETE', 'items/mocha');
    expect(res.statusCode).toBe(200);
    const after = res.json<MenuResponse>();
    expect(after.version).toBe(before.version + 1);
    expect(after.items.some((entry) => entry.id === 'mocha')).toBe(false);
    expect(priceOf(await getMenu(`?version=${before.version}`), 'mocha')).toBe(420);
    expect(priceOf(await getMenu('?version=1'), 'mocha')).toBe(420);
    // Putting it back un-archives it, at its old place in the category.
    const back = (await putItem('mocha', item({ name: 'Mocha', priceCents: 450 }))).json<MenuResponse>();
    expect(back.items.findIndex((entry) => entry.id === 'mocha')).toBe(
      before.items.findIndex((entry) => entry.id === 'mocha'),
    );
  });

  it('archiving an item that never existed is 404 and publishes nothing', async () => {
    const before = (await getMenu()).version;
    const res = await edit('DELETE', 'items/unicorn');
    expect(res.statusCode).toBe(404);
    expect((await getMenu()).version).toBe(before);
  });

  it('a sold-out item stays listed with available: false', async () => {
    const menu = (
      await putItem('cold-brew', item({ name: 'Cold brew', priceCents: 400, available: false }))
    ).json<MenuResponse>();
    expect(menu.items.find((entry) => entry.id === 'cold-brew')?.available).toBe(false);
  });

  it('adds a category and an item in it; categories list in position order', async () => {
    expect((await edit('PUT', 'categories/specials', { name: 'Specials', position: 0 })).statusCode).toBe(
      200,
    );
    const menu = (
      await putItem('pumpkin-latte', item({ name: 'Pumpkin latte', priceCents: 450, category: 'specials' }))
    ).json<MenuResponse>();
    expect(menu.categories.map((category) => category.id)).toContain('specials');
    expect(menu.items.find((entry) => entry.id === 'pumpkin-latte')?.category).toBe('specials');
    // coffee is at position 0 too; ties are broken by id, so 'coffee' < 'specials'.
    expect(menu.categories.slice(0, 2).map((category) => category.id)).toEqual(['coffee', 'specials']);
  });

  it('If-Match with a stale version is 412 version_conflict and changes nothing; the current one succeeds', async () => {
    const current = (await getMenu()).version;
    const stale = await putItem('latte', item({ name: 'Latte', priceCents: 999 }), {
      'if-match': String(current - 1),
    });
    expect(stale.statusCode).toBe(412);
    expect(errorCode(stale)).toBe('version_conflict');
    expect((await getMenu()).version).toBe(current);
    expect(priceOf(await getMenu(), 'latte')).toBe(390);
    const fresh = await putItem('latte', item({ name: 'Latte', priceCents: 400 }), {
      'if-match': `"${current}"`,
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json<MenuResponse>().version).toBe(current + 1);
    const junk = await putItem('latte', item({ name: 'Latte', priceCents: 410 }), { 'if-match': 'W/"x"' });
    expect(junk.statusCode).toBe(400);
  });

  it.each([
    ['a negative price', 'latte', item({ priceCents: -1 }), 400, 'invalid_body'],
    ['a fractional price', 'latte', item({ priceCents: 1.5 }), 400, 'invalid_body'],
    ['a price given as text', 'latte', item({ priceCents: '380' }), 400, 'invalid_body'],
    ['an empty name', 'latte', item({ name: '   ' }), 400, 'invalid_body'],
    ['an over-long name', 'latte', item({ name: 'x'.repeat(81) }), 400, 'invalid_body'],
    ['a missing field', 'latte', { name: 'Latte', priceCents: 380, category: 'coffee' }, 400, 'invalid_body'],
    ['an unknown field', 'latte', { ...item(), colour: 'brown' }, 400, 'invalid_body'],
    ['an unknown category', 'latte', item({ category: 'wine' }), 422, 'unknown_category'],
    ['a bad slug', 'Latte%20Grande', item(), 400, 'invalid_id'],
    ['an over-long slug', 'a'.repeat(65), item(), 400, 'invalid_id'],
  ])('%s is refused and publishes nothing', async (_label, id, body, status, code) => {
    const before = await getMenu();
    const res = await putItem(id, body);
    expect(res.statusCode).toBe(status);
    expect(errorCode(res)).toBe(code);
    expect(await getMenu()).toEqual(before);
  });

  it('a category with an empty name or a negative position is refused and publishes nothing', async () => {
    const before = (await getMenu()).version;
    expect((await edit('PUT', 'categories/coffee', { name: '', position: 0 })).statusCode).toBe(400);
    expect((await edit('PUT', 'categories/coffee', { name: 'Coffee', position: -1 })).statusCode).toBe(400);
    expect((await getMenu()).version).toBe(before);
  });

  it('concurrent edits each get their own version', async () => {
    const before = (await getMenu()).version;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        putItem('banana-bread', item({ name: 'Banana bread', category: 'bakery', priceCents: 500 + i })),
      ),
    );
    const versions = results.map((res) => res.json<MenuResponse>().version);
    expect(new Set(versions).size).toBe(12);
    expect(Math.max(...versions)).toBe(before + 12);
  });
});

describe('who may edit', () => {
  it('counter, kitchen and display devices read the menu but get 403 on every edit, which publishes nothing', async () => {
    const before = await getMenu();
    for (const role of ['counter', 'kitchen', 'display'] as const) {
      const { auth } = await pairDevice(t.app, role);
      expect((await t.app.inject({ url: '/api/menu', headers: auth })).statusCode).toBe(200);
      const attempts = [
        await putItem('latte', item({ priceCents: 1 }), auth),
        await edit('DELETE', 'items/latte', undefined, auth),
        await edit('PUT', 'categories/coffee', { name: 'Kaffee', position: 0 }, auth),
      ];
      expect(attempts.map((res) => [res.statusCode, errorCode(res)])).toEqual([
        [403, 'forbidden'],
        [403, 'forbidden'],
        [403, 'forbidden'],
      ]);
    }
    expect(await getMenu()).toEqual(before);
  });
});

describe('orders priced by menu version', () => {
  it('prices each line from the version the device showed, even after a price change and an archive', async () => {
    const shown = await getMenu();
    await putItem('flat-white', item({ priceCents: 999 }));
    await edit('DELETE', 'items/croissant');
    const res = await postOrder(t.app, createBody({ menuVersion: shown.version }));
    expect(res.statusCode).toBe(201);
    const order = res.json<Order>();
    expect(order.items.map((line) => line.unitPriceCents)).toEqual([
      priceOf(shown, 'flat-white'),
      priceOf(shown, 'croissant'),
    ]);
    expect(order.totalCents).toBe(2 * 380 + 280);
  });

  it('without menuVersion the current menu prices it, and an archived item is unknown there', async () => {
    const res = await postOrder(t.app, createBody({ items: [{ menuItemId: 'flat-white', qty: 1 }] }));
    expect(res.json<Order>().items[0]?.unitPriceCents).toBe(999);
    const archived = await postOrder(t.app, createBody());
    expect(archived.statusCode).toBe(422);
    expect(errorCode(archived)).toBe('unknown_menu_item');
  });

  it('a sold-out item is still accepted at its version', async () => {
    const current = await getMenu();
    const res = await postOrder(
      t.app,
      createBody({ menuVersion: current.version, items: [{ menuItemId: 'cold-brew', qty: 1 }] }),
    );
    expect(res.statusCode).toBe(201);
  });

  it('an item added later is unknown at an older version; a version never published is unknown_menu_version', async () => {
    const newItem = await postOrder(
      t.app,
      createBody({ menuVersion: 1, items: [{ menuItemId: 'pumpkin-latte', qty: 1 }] }),
    );
    expect(newItem.statusCode).toBe(422);
    expect(errorCode(newItem)).toBe('unknown_menu_item');
    const future = await postOrder(t.app, createBody({ menuVersion: (await getMenu()).version + 1 }));
    expect(future.statusCode).toBe(422);
    expect(errorCode(future)).toBe('unknown_menu_version');
  });

  it('the create fingerprint covers menuVersion: the same order id with another version is a mismatch', async () => {
    const body = createBody({ menuVersion: 1 });
    expect((await postOrder(t.app, body)).statusCode).toBe(201);
    expect((await postOrder(t.app, body)).statusCode).toBe(200);
    const other = await postOrder(t.app, { ...body, menuVersion: 2 });
    expect(other.statusCode).toBe(422);
    expect(errorCode(other)).toBe('idempotency_mismatch');
  });
});

describe('menu push', () => {
  const connect = (headers: Record<string, string> = {}): Promise<SseConnection> => t.openEvents(headers);

  it('pushes event: menu with the new version to connected streams', async () => {
    const stream = await connect();
    await stream.waitFor((event) => event.retry === 1000);
    const menu = (
      await putItem('green-tea', item({ name: 'Green tea', priceCents: 290, category: 'tea-and-more' }))
    ).json<MenuResponse>();
    const event = await stream.waitFor((e) => e.event === 'menu');
    expect(JSON.parse(event.data)).toEqual({ version: menu.version });
    expect(event.id).toBeUndefined();
  });

  it('a stream reconnecting with Last-Event-ID is told the current version after its replay', async () => {
    const current = (await getMenu()).version;
    // Two orders of its own, and a cursor after the first: cursor 0 would be a reset (event: reset,
    // no replay), and this test is about a replay.
    const line = { items: [{ menuItemId: 'cold-brew', qty: 1 }] };
    const first = (await postOrder(t.app, createBody(line))).json<Order>();
    expect((await postOrder(t.app, createBody(line))).statusCode).toBe(201);
    const stream = await connect({ 'last-event-id': String(first.seq) });
    const event = await stream.waitFor((e) => e.event === 'menu');
    expect(JSON.parse(event.data)).toEqual({ version: current });
    const lastOrders = stream.events.filter((e) => e.event === 'orders').length;
    expect(lastOrders).toBeGreaterThan(0);
    expect(stream.events.findIndex((e) => e.event === 'menu')).toBeGreaterThan(
      stream.events.findLastIndex((e) => e.event === 'orders'),
    );
  });
});
