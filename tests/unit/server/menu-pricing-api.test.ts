// The pricing half of the menu over HTTP (DESIGN Part 3, principles 18-20): tax mode, tax rates, option
// groups and discounts, each edit one new version, older versions unchanged, bad input publishing nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import type { MenuResponse } from '../../../protocol/menu.ts';
import { memoryApp, OWNER_AUTH, type TestApp } from './order-fixtures.ts';

let t: TestApp;

beforeAll(async () => {
  t = await memoryApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function getMenu(query = ''): Promise<MenuResponse> {
  const res = await t.app.inject({ url: `/api/menu${query}`, headers: OWNER_AUTH });
  expect(res.statusCode).toBe(200);
  return res.json<MenuResponse>();
}

function send(
  method: 'PUT' | 'DELETE' | 'PATCH',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: `/api/menu${path}`,
    headers: {
      ...OWNER_AUTH,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

const errorCode = (res: { json: <T>() => T }) => res.json<ApiError>().error.code;

const milk = {
  name: 'Milk',
  min: 0,
  max: 1,
  options: [
    { id: 'oat', name: 'Oat milk', priceDeltaCents: 50, available: true },
    { id: 'skim', name: 'Skimmed', priceDeltaCents: -10, available: false },
  ],
};

describe('pricing edits', () => {
  it('PATCH /api/menu flips pricesIncludeTax in one new version; the same value publishes nothing', async () => {
    const before = await getMenu();
    const res = await send('PATCH', '', { pricesIncludeTax: false }, { 'if-match': String(before.version) });
    expect(res.statusCode).toBe(200);
    const after = res.json<MenuResponse>();
    expect(after.version).toBe(before.version + 1);
    expect(after.pricesIncludeTax).toBe(false);
    expect((await getMenu(`?version=${before.version}`)).pricesIncludeTax).toBe(true);
    const again = await send('PATCH', '', { pricesIncludeTax: false });
    expect(again.json<MenuResponse>().version).toBe(after.version);
    const stale = await send('PATCH', '', { pricesIncludeTax: true }, { 'if-match': String(before.version) });
    expect(stale.statusCode).toBe(412);
    await send('PATCH', '', { pricesIncludeTax: true });
  });

  it('PUT /api/menu/tax-rates/:id sets a rate; the old version keeps the old rate', async () => {
    const before = await getMenu();
    const res = await send('PUT', '/tax-rates/standard', { name: 'Standard', rateBasisPoints: 1900 });
    expect(res.statusCode).toBe(200);
    const after = res.json<MenuResponse>();
    expect(after.version).toBe(before.version + 1);
    expect(after.taxRates?.find((rate) => rate.id === 'standard')?.rateBasisPoints).toBe(1900);
    const old = await getMenu(`?version=${before.version}`);
    expect(old.taxRates?.find((rate) => rate.id === 'standard')?.rateBasisPoints).toBe(0);
    const added = (
      await send('PUT', '/tax-rates/zero', { name: 'Zero', rateBasisPoints: 0 })
    ).json<MenuResponse>();
    expect(added.taxRates?.map((rate) => rate.id)).toEqual(['standard', 'reduced', 'zero']);
  });

  it('refuses a rate above 100 %, a group with min > max or max > options, and a percent above 100 %', async () => {
    const before = await getMenu();
    const bad = [
      await send('PUT', '/tax-rates/standard', { name: 'Standard', rateBasisPoints: 10_001 }),
      await send('PUT', '/option-groups/milk', { ...milk, min: 2, max: 1 }),
      await send('PUT', '/option-groups/milk', { ...milk, max: 3 }),
      await send('PUT', '/option-groups/milk', { ...milk, max: 0 }),
      await send('PUT', '/option-groups/milk', { ...milk, options: [] }),
      await send('PUT', '/option-groups/milk', { ...milk, options: [milk.options[0], milk.options[0]] }),
      await send('PUT', '/discounts/staff', { name: 'Staff', kind: 'percent', value: 10_001, active: true }),
      await send('PUT', '/discounts/staff', { name: 'Staff', kind: 'bogus', value: 1, active: true }),
    ];
    for (const res of bad) {
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('invalid_body');
    }
    expect(await getMenu()).toEqual(before);
  });

  it('an option group is offered by items that list it, and DELETE takes it off every item in one version', async () => {
    const put = await send('PUT', '/option-groups/milk', milk);
    expect(put.statusCode).toBe(200);
    expect(put.json<MenuResponse>().optionGroups?.find((group) => group.id === 'milk')).toEqual({
      id: 'milk',
      ...milk,
    });
    const withGroup = await getMenu();
    expect(withGroup.items.filter((item) => item.optionGroups?.includes('milk')).length).toBeGreaterThan(3);
    const deleted = await send('DELETE', '/option-groups/milk');
    expect(deleted.statusCode).toBe(200);
    const after = deleted.json<MenuResponse>();
    expect(after.version).toBe(withGroup.version + 1);
    expect(after.optionGroups?.some((group) => group.id === 'milk')).toBe(false);
    expect(after.items.some((item) => item.optionGroups?.includes('milk'))).toBe(false);
    // The version before still offers it, as it was.
    const old = await getMenu(`?version=${withGroup.version}`);
    expect(old.items.find((item) => item.id === 'latte')?.optionGroups).toContain('milk');
    expect((await send('DELETE', '/option-groups/milk')).statusCode).toBe(404);
  });

  it('PUT /api/menu/items/:id takes optionGroups and taxRate; unknown ones are 422 and publish nothing', async () => {
    const before = await getMenu();
    const body = { name: 'Latte', priceCents: 390, category: 'coffee', available: true };
    const unknownGroup = await send('PUT', '/items/latte', { ...body, optionGroups: ['size', 'nope'] });
    expect(unknownGroup.statusCode).toBe(422);
    expect(errorCode(unknownGroup)).toBe('unknown_option_group');
    const unknownRate = await send('PUT', '/items/latte', { ...body, taxRate: 'nope' });
    expect(unknownRate.statusCode).toBe(422);
    expect(errorCode(unknownRate)).toBe('unknown_tax_rate');
    expect(await getMenu()).toEqual(before);
    const ok = (
      await send('PUT', '/items/latte', { ...body, optionGroups: ['size'], taxRate: 'reduced' })
    ).json<MenuResponse>();
    expect(ok.items.find((item) => item.id === 'latte')).toMatchObject({
      optionGroups: ['size'],
      taxRate: 'reduced',
    });
    // An editor from before Part 3 (no optionGroups/taxRate) keeps them.
    const kept = (await send('PUT', '/items/latte', { ...body, available: false })).json<MenuResponse>();
    expect(kept.items.find((item) => item.id === 'latte')).toMatchObject({
      optionGroups: ['size'],
      taxRate: 'reduced',
    });
  });

  it('PUT /api/menu/discounts/:id: an inactive discount leaves GET /api/menu', async () => {
    const put = await send('PUT', '/discounts/happy-hour', {
      name: 'Happy hour',
      kind: 'amount',
      value: 100,
      active: true,
    });
    expect(put.json<MenuResponse>().discounts?.map((discount) => discount.id)).toEqual([
      'staff',
      'happy-hour',
    ]);
    const off = await send('PUT', '/discounts/happy-hour', {
      name: 'Happy hour',
      kind: 'amount',
      value: 100,
      active: false,
    });
    expect(off.json<MenuResponse>().discounts?.map((discount) => discount.id)).toEqual(['staff']);
  });
});

describe('export and import', () => {
  function importMenu(body: unknown, headers: Record<string, string> = {}) {
    return t.app.inject({
      method: 'POST',
      url: '/api/menu/import',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  }

  it('an export imported again publishes one version equal to the exported menu', async () => {
    const exported = await t.app.inject({ url: '/api/menu/export', headers: OWNER_AUTH });
    expect(exported.statusCode).toBe(200);
    const before = await getMenu();
    const res = await importMenu(exported.json());
    expect(res.statusCode).toBe(200);
    const after = res.json<MenuResponse>();
    expect(after.version).toBe(before.version + 1);
    expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
    const again = await t.app.inject({ url: '/api/menu/export', headers: OWNER_AUTH });
    expect(again.json()).toEqual(exported.json());
  });

  it('an import replaces the menu whole: items left out are archived, new groups and rates arrive', async () => {
    const file = {
      categories: [{ id: 'drinks', name: 'Drinks' }],
      items: [
        {
          id: 'latte',
          name: 'Latte',
          priceCents: 400,
          category: 'drinks',
          optionGroups: ['syrup'],
          taxRate: 'vat',
        },
      ],
      taxRates: [{ id: 'vat', name: 'VAT', rateBasisPoints: 2000 }],
      optionGroups: [
        {
          id: 'syrup',
          name: 'Syrup',
          min: 0,
          max: 1,
          options: [{ id: 'hazelnut', name: 'Hazelnut', priceDeltaCents: 30, available: true }],
        },
      ],
      discounts: [{ id: 'loyalty', name: 'Loyalty', kind: 'amount', value: 50 }],
      pricesIncludeTax: false,
    };
    const before = await getMenu();
    const res = await importMenu(file, { 'if-match': String(before.version) });
    expect(res.statusCode).toBe(200);
    const menu = res.json<MenuResponse>();
    expect(menu.items.map((item) => item.id)).toEqual(['latte']);
    expect(menu).toMatchObject({
      pricesIncludeTax: false,
      taxRates: file.taxRates,
      discounts: [{ id: 'loyalty', name: 'Loyalty', kind: 'amount', value: 50 }],
    });
    // The older version is untouched, and its items stay orderable at it.
    expect((await getMenu(`?version=${before.version}`)).items.length).toBe(before.items.length);
  });

  it('a bad menu is 422 invalid_menu naming the entry, and changes nothing', async () => {
    const good = (await t.app.inject({ url: '/api/menu/export', headers: OWNER_AUTH })).json<
      Record<string, unknown[]>
    >();
    const before = await getMenu();
    const items = good.items as Record<string, unknown>[];
    const cases: [unknown, RegExp][] = [
      [
        { ...good, items: [...items, { ...items[0], priceCents: -1 }] },
        new RegExp(`^items\\[${items.length}\\]\\.priceCents: `),
      ],
      [{ ...good, items: [{ ...items[0], taxRate: 'nope' }] }, /^items\[0\]\.taxRate: /],
      [{ ...good, items: [{ ...items[0], optionGroups: ['nope'] }] }, /^items\[0\]\.optionGroups\[0\]: /],
      [{ ...good, discounts: [{ id: 'x', name: 'X', kind: 'percent', value: 20_000 }] }, /^discounts\[0\]/],
      [{ ...good, currency: 'USD' }, /^currency: /],
      [{ ...good, categories: [] }, /^categories: /],
    ];
    for (const [body, message] of cases) {
      const res = await importMenu(body);
      expect(res.statusCode).toBe(422);
      expect(errorCode(res)).toBe('invalid_menu');
      expect(res.json<ApiError>().error.message).toMatch(message);
    }
    const stale = await importMenu(good, { 'if-match': String(before.version - 1) });
    expect(stale.statusCode).toBe(412);
    expect(await getMenu()).toEqual(before);
  });

  it('?format=csv lists each item with its category, price, tax rate and option groups', async () => {
    const res = await t.app.inject({ url: '/api/menu/export?format=csv', headers: OWNER_AUTH });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,name,category,priceCents,available,taxRate,rateBasisPoints,optionGroups');
    expect(lines.some((line) => line.startsWith('latte,Latte,Drinks,400,true,VAT,2000,Syrup'))).toBe(true);
  });
});
