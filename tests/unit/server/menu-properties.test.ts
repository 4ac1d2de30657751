// Properties of the versioned menu: random edits interleaved with creates at random published
// versions always price from that version and are never refused for a menu reason; arbitrary
// requests to the menu routes never answer 5xx and, unless valid, never publish a version.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuResponse } from '../../../protocol/menu.ts';
import type { Order } from '../../../protocol/order.ts';
import { createBody, memoryApp, OWNER_AUTH, postOrder, type TestApp } from './order-fixtures.ts';

let t: TestApp;
/** What the model says every published version priced: version → item id → cents (orderable only). */
const published = new Map<number, Map<string, number>>();

beforeAll(async () => {
  t = await memoryApp();
  await record((await t.app.inject({ url: '/api/menu', headers: OWNER_AUTH })).json<MenuResponse>());
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function record(menu: MenuResponse): Promise<void> {
  published.set(menu.version, new Map(menu.items.map((item) => [item.id, item.priceCents])));
}

const ITEM_IDS = ['espresso', 'latte', 'croissant', 'granola-bowl', 'new-a', 'new-b'] as const;

type Action =
  | { kind: 'price'; id: string; priceCents: number; available: boolean }
  | { kind: 'archive'; id: string }
  | { kind: 'create'; versionPick: number; linePicks: number[] };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('price' as const),
    id: fc.constantFrom(...ITEM_IDS),
    priceCents: fc.integer({ min: 0, max: 5000 }),
    available: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('archive' as const), id: fc.constantFrom(...ITEM_IDS) }),
  fc.record({
    kind: fc.constant('create' as const),
    versionPick: fc.nat(),
    linePicks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  }),
);

async function run(step: Action): Promise<void> {
  switch (step.kind) {
    case 'price': {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/menu/items/${step.id}`,
        headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
        payload: {
          name: `Item ${step.id}`,
          priceCents: step.priceCents,
          category: 'coffee',
          available: step.available,
        },
      });
      expect(res.statusCode).toBe(200);
      await record(res.json<MenuResponse>());
      return;
    }
    case 'archive': {
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/menu/items/${step.id}`,
        headers: OWNER_AUTH,
      });
      // An id never created is 404; anything else answers the (possibly unchanged) menu.
      if (res.statusCode === 404) return;
      expect(res.statusCode).toBe(200);
      await record(res.json<MenuResponse>());
      return;
    }
    case 'create': {
      const versions = [...published.keys()];
      const version = versions[step.versionPick % versions.length] ?? 1;
      const prices = published.get(version) ?? new Map<string, number>();
      const orderable = [...prices.keys()];
      if (orderable.length === 0) return;
      const ids = [
        ...new Set(step.linePicks.map((pick) => orderable[pick % orderable.length] ?? 'espresso')),
      ];
      const res = await postOrder(
        t.app,
        createBody({ menuVersion: version, items: ids.map((menuItemId) => ({ menuItemId, qty: 2 })) }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const order = res.json<Order>();
      expect(order.items.map((line) => [line.menuItemId, line.unitPriceCents])).toEqual(
        ids.map((id) => [id, prices.get(id)]),
      );
      expect(order.totalCents).toBe(ids.reduce((sum, id) => sum + 2 * (prices.get(id) ?? NaN), 0));
      return;
    }
  }
}

describe('pricing by version', () => {
  it('every create at a published version is accepted and priced from exactly that version', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (steps) => {
        for (const step of steps) await run(step);
      }),
      { numRuns: 20 },
    );
  }, 300_000);
});

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const itemLike = fc.record(
  {
    // Mostly-valid values, so most requests reach the store with one field wrong.
    name: fc.oneof(fc.constantFrom('Latte', ' '), text, scalar),
    priceCents: fc.oneof(fc.integer({ min: -10, max: 20_000_000 }), fc.double(), scalar),
    category: fc.oneof(fc.constantFrom('coffee', 'bakery', 'wine', ''), scalar),
    available: fc.oneof(fc.boolean(), scalar),
    position: fc.oneof(fc.integer({ min: -3, max: 20_000 }), scalar),
    optionGroups: fc.oneof(
      fc.constant(['size', 'milk']),
      fc.array(fc.oneof(fc.constantFrom('size', 'nope'), text)),
      scalar,
    ),
    taxRate: fc.oneof(fc.constantFrom('standard', 'reduced', 'nope'), scalar),
    extra: scalar,
  },
  { requiredKeys: ['name', 'priceCents', 'category'] },
);
// Part 3 bodies: tax rates, option groups, discounts and the tax mode, mostly valid with one field off.
const optionLike = fc.record(
  {
    id: fc.oneof(fc.constantFrom('oat', 'soy', 'oat'), text),
    name: fc.oneof(fc.constantFrom('Oat milk', ''), scalar),
    priceDeltaCents: fc.oneof(fc.integer({ min: -20_000_000, max: 20_000_000 }), scalar),
    available: fc.oneof(fc.boolean(), scalar),
  },
  { requiredKeys: ['id', 'name', 'priceDeltaCents'] },
);
const pricingLike = fc.record(
  {
    name: fc.oneof(fc.constantFrom('Milk', 'Staff', ' '), scalar),
    rateBasisPoints: fc.oneof(fc.integer({ min: -5, max: 10_005 }), scalar),
    min: fc.oneof(fc.integer({ min: -1, max: 32 }), scalar),
    max: fc.oneof(fc.integer({ min: -1, max: 32 }), scalar),
    options: fc.oneof(fc.array(optionLike, { maxLength: 32 }), scalar),
    kind: fc.oneof(fc.constantFrom('percent', 'amount', 'bogus'), scalar),
    value: fc.oneof(fc.integer({ min: -5, max: 20_000 }), scalar),
    active: fc.oneof(fc.boolean(), scalar),
    pricesIncludeTax: fc.oneof(fc.boolean(), scalar),
  },
  { requiredKeys: [] },
);

describe('arbitrary menu requests', () => {
  it('never answer 5xx, always carry the error shape, and publish nothing unless answered 200', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'PUT items',
          'DELETE items',
          'PUT categories',
          'GET',
          'PATCH',
          'PUT tax-rates',
          'PUT option-groups',
          'DELETE option-groups',
          'PUT discounts',
        ),
        fc.oneof(fc.constantFrom('latte', 'no-such-item', 'coffee', 'milk', 'standard', 'staff'), text),
        fc.oneof(
          itemLike.map((body) => JSON.stringify(body)),
          pricingLike.map((body) => JSON.stringify(body)),
          text,
        ),
        fc.option(fc.oneof(fc.nat({ max: 5000 }).map(String), text), { nil: undefined, freq: 4 }),
        async (route, id, payload, ifMatch) => {
          const before = (await t.app.inject({ url: '/api/menu', headers: OWNER_AUTH })).json<MenuResponse>();
          const [method, kind] = route.split(' ') as ['PUT' | 'DELETE' | 'GET' | 'PATCH', string | undefined];
          const res = await t.app.inject({
            method,
            url: kind
              ? `/api/menu/${kind}/${encodeURIComponent(id)}`
              : method === 'PATCH'
                ? '/api/menu'
                : `/api/menu?version=${encodeURIComponent(id)}`,
            headers: {
              ...OWNER_AUTH,
              'content-type': 'application/json',
              ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
            },
            ...(method === 'PUT' || method === 'PATCH' ? { payload } : {}),
          });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['x-orderline-api']).toBe('1');
          if (res.statusCode >= 400) {
            expect(Object.keys(res.json<{ error: object }>().error)).toEqual(['code', 'message']);
            const after = (
              await t.app.inject({ url: '/api/menu', headers: OWNER_AUTH })
            ).json<MenuResponse>();
            expect(after).toEqual(before);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 300_000);
});
