// Orders priced by Part 3 menu data (principles 18-21) over HTTP: options, tax per rate and discounts at
// the order's own menu version after the menu changed, invalid_options naming the line, unknown_discount,
// PATCH {discount}, and PATCH {paid: true} recording an `other` payment of the balance.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../protocol/api.ts';
import type { MenuResponse } from '../../../protocol/menu.ts';
import type { Order } from '../../../protocol/order.ts';
import { createBody, memoryApp, OWNER_AUTH, patchOrder, postOrder, type TestApp } from './order-fixtures.ts';

let t: TestApp;
let taxedVersion = 0;

beforeAll(async () => {
  t = await memoryApp();
  // 19 % on drinks, 7 % on food, prices excluding tax: a version the orders below are taken at.
  await menuEdit('PUT', '/tax-rates/standard', { name: 'Standard', rateBasisPoints: 1900 });
  await menuEdit('PUT', '/tax-rates/reduced', { name: 'Reduced', rateBasisPoints: 700 });
  taxedVersion = (await menuEdit('PATCH', '', { pricesIncludeTax: false })).version;
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function menuEdit(method: 'PUT' | 'PATCH', path: string, body: unknown): Promise<MenuResponse> {
  const res = await t.app.inject({
    method,
    url: `/api/menu${path}`,
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  expect(res.statusCode).toBe(200);
  return res.json<MenuResponse>();
}

const errorOf = (res: { json: <T>() => T }) => res.json<ApiError>().error;

const latteLargeOat = {
  menuItemId: 'latte',
  qty: 2,
  options: [
    { group: 'milk', option: 'oat' },
    { group: 'size', option: 'large' },
  ],
};

describe('orders priced at their menu version', () => {
  it('prices options, the staff discount and tax per rate from the version the device showed, after the menu changed', async () => {
    // The owner changes the oat price and the rate after the counter showed `taxedVersion`.
    const milk = (await t.app.inject({ url: '/api/menu', headers: OWNER_AUTH }))
      .json<MenuResponse>()
      .optionGroups!.find((group) => group.id === 'milk')!;
    await menuEdit('PUT', '/option-groups/milk', {
      name: milk.name,
      min: milk.min,
      max: milk.max,
      options: milk.options.map((o) => (o.id === 'oat' ? { ...o, priceDeltaCents: 90 } : o)),
    });
    await menuEdit('PUT', '/tax-rates/standard', { name: 'Standard', rateBasisPoints: 2000 });
    const body = createBody({
      menuVersion: taxedVersion,
      discount: 'staff',
      items: [latteLargeOat, { menuItemId: 'croissant', qty: 1 }],
    });
    const res = await postOrder(t.app, body);
    expect(res.statusCode).toBe(201);
    const order = res.json<Order>();
    // latte 390 + large 60 + oat 50 = 500 a cup; options in the item's group order (size, then milk).
    expect(order.items[0]).toMatchObject({
      unitPriceCents: 500,
      lineTotalCents: 1000,
      taxRate: 'standard',
      options: [
        { group: 'size', option: 'large', name: 'Large', priceDeltaCents: 60 },
        { group: 'milk', option: 'oat', name: 'Oat milk', priceDeltaCents: 50 },
      ],
    });
    expect(order.items[1]).toMatchObject({ unitPriceCents: 280, lineTotalCents: 280, taxRate: 'reduced' });
    // Subtotal 1280 (net), staff 20 % = 256, shared 1000:280 → 200 and 56 (exact).
    // standard: net 800, tax 152; reduced: net 224, tax round(15.68) = 16. Total 1024 + 168 = 1192.
    expect(order.menuVersion).toBe(taxedVersion);
    expect(order.subtotalCents).toBe(1280);
    expect(order.discount).toEqual({ id: 'staff', name: 'Staff', amountCents: 256 });
    expect(order.taxes).toEqual([
      {
        rate: 'standard',
        name: 'Standard',
        rateBasisPoints: 1900,
        netCents: 800,
        taxCents: 152,
        grossCents: 952,
      },
      {
        rate: 'reduced',
        name: 'Reduced',
        rateBasisPoints: 700,
        netCents: 224,
        taxCents: 16,
        grossCents: 240,
      },
    ]);
    expect(order.totalCents).toBe(1192);
    expect(order).toMatchObject({ payments: [], paidCents: 0, dueCents: 1192, paid: false });
    // Read back the same, and a replay answers the same price.
    const read = (await t.app.inject({ url: `/api/orders/${order.id}`, headers: OWNER_AUTH })).json<Order>();
    expect(read).toEqual(order);
    const replay = await postOrder(t.app, body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json<Order>().totalCents).toBe(1192);
  });

  it('the same item with other options is another line; the options in another order price the same', async () => {
    const res = await postOrder(
      t.app,
      createBody({
        menuVersion: taxedVersion,
        items: [
          latteLargeOat,
          { ...latteLargeOat, options: [...latteLargeOat.options].reverse() },
          { menuItemId: 'latte', qty: 1 },
        ],
      }),
    );
    const order = res.json<Order>();
    expect(order.items.map((item) => item.unitPriceCents)).toEqual([500, 500, 390]);
    expect(order.items[2]?.options).toEqual([]);
  });

  it('invalid_options names the line and the item; nothing is written', async () => {
    const cases = [
      [
        { group: 'size', option: 'large' },
        { group: 'size', option: 'small' },
      ], // max 1
      [{ group: 'toppings', option: 'feta' }], // latte does not offer toppings
      [{ group: 'size', option: 'venti' }],
      [
        { group: 'milk', option: 'oat' },
        { group: 'milk', option: 'oat' },
      ],
    ];
    for (const options of cases) {
      const body = createBody({
        items: [
          { menuItemId: 'croissant', qty: 1 },
          { menuItemId: 'latte', qty: 1, options },
        ],
      });
      const res = await postOrder(t.app, body);
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe('invalid_options');
      expect(errorOf(res).message).toMatch(/^items\[1\] \(latte\): /);
      expect((await t.app.inject({ url: `/api/orders/${body.id}`, headers: OWNER_AUTH })).statusCode).toBe(
        404,
      );
    }
  });

  it('an unknown or inactive discount is 422 unknown_discount; one inactive now still applies at its older version', async () => {
    const unknown = await postOrder(t.app, createBody({ discount: 'free-lunch' }));
    expect(unknown.statusCode).toBe(422);
    expect(errorOf(unknown).code).toBe('unknown_discount');
    await menuEdit('PUT', '/discounts/staff', { name: 'Staff', kind: 'percent', value: 2000, active: false });
    const inactive = await postOrder(t.app, createBody({ discount: 'staff' }));
    expect(errorOf(inactive).code).toBe('unknown_discount');
    const older = await postOrder(t.app, createBody({ menuVersion: taxedVersion, discount: 'staff' }));
    expect(older.statusCode).toBe(201);
    await menuEdit('PUT', '/discounts/staff', { name: 'Staff', kind: 'percent', value: 2000, active: true });
  });

  it('PATCH {discount} re-prices an active order at its version; removing it restores the price; a finished order is 409', async () => {
    const created = (
      await postOrder(t.app, createBody({ menuVersion: taxedVersion, items: [latteLargeOat] }))
    ).json<Order>();
    expect(created.totalCents).toBe(1190); // 1000 net + 19 %
    const discounted = await patchOrder(t.app, created.id, { discount: 'staff' });
    expect(discounted.statusCode).toBe(200);
    expect(discounted.json<Order>()).toMatchObject({
      discount: { id: 'staff', amountCents: 200 },
      totalCents: 952,
      dueCents: 952,
    });
    expect(discounted.json<Order>().seq).toBeGreaterThan(created.seq);
    const unknown = await patchOrder(t.app, created.id, { discount: 'nope' });
    expect(errorOf(unknown).code).toBe('unknown_discount');
    const removed = (await patchOrder(t.app, created.id, { discount: null })).json<Order>();
    expect(removed).toMatchObject({ discount: null, totalCents: 1190 });
    await patchOrder(t.app, created.id, { status: 'completed' });
    const finished = await patchOrder(t.app, created.id, { discount: 'staff' });
    expect(finished.statusCode).toBe(409);
    expect(errorOf(finished).code).toBe('order_finished');
  });

  it('PATCH {paid: true} records one `other` payment of the balance; a replay pays nothing more', async () => {
    const created = (
      await postOrder(t.app, createBody({ menuVersion: taxedVersion, items: [latteLargeOat] }))
    ).json<Order>();
    const key = '0192d2a4-6c1e-7000-8000-00000000fa11';
    const paid = await patchOrder(t.app, created.id, { paid: true }, key);
    expect(paid.json<Order>()).toMatchObject({ paid: true, paidCents: 1190, dueCents: 0 });
    expect(paid.json<Order>().payments).toEqual([
      expect.objectContaining({
        id: key,
        method: 'other',
        amountCents: 1190,
        tenderedCents: null,
        changeCents: 0,
        tipCents: 0,
        refunds: [],
      }),
    ]);
    const replay = await patchOrder(t.app, created.id, { paid: true }, key);
    expect(replay.json<Order>().payments).toHaveLength(1);
    const again = await patchOrder(t.app, created.id, { paid: true });
    expect(again.json<Order>().payments).toHaveLength(1);
  });

  it('the batch prices creates and a discount change on an order created earlier in the same batch', async () => {
    const body = createBody({ menuVersion: taxedVersion, items: [latteLargeOat] });
    const bad = createBody({
      items: [{ menuItemId: 'latte', qty: 1, options: [{ group: 'size', option: 'x' }] }],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/batch',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
      payload: JSON.stringify({
        mutations: [
          { op: 'create', key: body.id, body },
          {
            op: 'patch',
            key: '0192d2a4-6c1e-7000-8000-00000000fb01',
            orderId: body.id,
            body: { discount: 'staff' },
          },
          { op: 'create', key: bad.id, body: bad },
        ],
      }),
    });
    const results = res.json<{ results: { status: number; order?: Order; error?: { code: string } }[] }>()
      .results;
    expect(results.map((r) => r.status)).toEqual([201, 200, 422]);
    expect(results[1]?.order?.totalCents).toBe(952);
    expect(results[2]?.error?.code).toBe('invalid_options');
  });
});

describe('day report (Part 3 fields)', () => {
  it('sums each non-cancelled order’s own taxes and discounts, and counts options sold', async () => {
    const res = await t.app.inject({ url: '/api/reports/day?date=2026-11-25&tz=UTC', headers: OWNER_AUTH });
    expect(res.statusCode).toBe(200);
    const report = res.json<{
      taxes: { rate: string; rateBasisPoints: number; taxCents: number; grossCents: number }[];
      discountsCents: number;
      options: { group: string; option: string; qty: number }[];
      revenueCents: number;
    }>();
    const orders: Order[] = [];
    for (let cursor = 0; ;) {
      const page = (
        await t.app.inject({ url: `/api/orders/changes?since=${cursor}&limit=1000`, headers: OWNER_AUTH })
      ).json<{ orders: Order[]; cursor: number; more: boolean }>();
      orders.push(...page.orders);
      if (!page.more || page.cursor === cursor) break;
      cursor = page.cursor;
    }
    // The feed's reset lists active orders only; History has the finished ones.
    const history = (
      await t.app.inject({ url: '/api/orders/history?limit=200', headers: OWNER_AUTH })
    ).json<{ orders: Order[] }>();
    orders.push(...history.orders);
    const counted = orders.filter((order) => order.status !== 'cancelled');
    const taxCents = counted
      .flatMap((order) => order.taxes ?? [])
      .reduce((sum, tax) => sum + tax.taxCents, 0);
    expect(report.taxes.reduce((sum, tax) => sum + tax.taxCents, 0)).toBe(taxCents);
    expect(taxCents).toBeGreaterThan(0);
    // Rates are kept apart by basis points: 19 % orders and 20 % orders are separate rows.
    expect(report.taxes.find((tax) => tax.rate === 'standard' && tax.rateBasisPoints === 1900)).toBeDefined();
    expect(report.discountsCents).toBe(
      counted.reduce((sum, order) => sum + (order.discount?.amountCents ?? 0), 0),
    );
    const oat = counted
      .flatMap((order) => order.items)
      .filter((item) => item.options?.some((option) => option.option === 'oat'))
      .reduce((sum, item) => sum + item.qty, 0);
    expect(report.options.find((option) => option.group === 'milk' && option.option === 'oat')?.qty).toBe(
      oat,
    );
  });
});
