// Currencies with their own decimals end to end on the server (DESIGN.md principle 25): a JPY menu (0 decimals)
// and a KWD one (3) are accepted, priced, paid in cash with change, and reported in the day report (JSON and
// both CSVs), the Z report CSV and the receipt with the currency's own digits; an unknown code is refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayReport } from '../../../protocol/day-report.ts';
import type { MenuFile } from '../../../protocol/menu.ts';
import type { Order } from '../../../protocol/order.ts';
import { checkMenuFile } from '../../../server/menu-file.ts';
import { parseCsv } from './csv-parse.ts';
import { cashBody, closeBody, openBody, pay, post, TILL_ID } from './money-fixtures.ts';
import { OWNER_AUTH, createBody, memoryApp, patchOrder, postOrder, type TestApp } from './order-fixtures.ts';

interface Case {
  currency: string;
  /** Two bowls and a side, in minor units. */
  bowl: number;
  side: number;
  tendered: number;
  float: number;
  /** What each amount reads as in the CSVs and on the receipt. */
  text: { total: string; change: string; receiptTotal: string; receiptChange: string; float: string };
}

const CASES: Case[] = [
  {
    currency: 'JPY',
    bowl: 980,
    side: 450,
    tendered: 3000,
    float: 10_000,
    text: { total: '2410', change: '590', receiptTotal: '¥2410', receiptChange: '¥590', float: '10000' },
  },
  {
    currency: 'KWD',
    bowl: 1250,
    side: 375,
    tendered: 5000,
    float: 20_000,
    text: {
      total: '2.875',
      change: '2.125',
      receiptTotal: 'KWD 2.875',
      receiptChange: 'KWD 2.125',
      float: '20.000',
    },
  },
];

function menuIn({ currency, bowl, side }: Case): MenuFile {
  return {
    currency,
    categories: [{ id: 'food', name: 'Food' }],
    items: [
      { id: 'flat-white', name: 'Bowl', priceCents: bowl, category: 'food', available: true },
      { id: 'croissant', name: 'Side', priceCents: side, category: 'food', available: true },
    ],
  };
}

/** Today's date in UTC (the default shop zone), as the day report takes it. */
const today = () => new Date().toISOString().slice(0, 10);

for (const c of CASES) {
  describe(`a ${c.currency} menu`, () => {
    let t: TestApp;
    let order: Order;

    beforeAll(async () => {
      t = await memoryApp({ menuSeed: menuIn(c) });
      const created = await postOrder(t.app, createBody({ createdAt: new Date().toISOString() }));
      expect(created.statusCode, created.body).toBe(201);
      order = created.json<Order>();
      expect((await post(t.app, '/api/drawer/open', openBody(c.float))).statusCode).toBe(201);
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    it('is accepted and serves its currency', async () => {
      const menu = await t.app.inject({ url: '/api/menu', headers: OWNER_AUTH });
      expect(menu.json<{ currency: string }>().currency).toBe(c.currency);
    });

    it('prices the order in minor units of that currency', () => {
      // createBody: two flat-white (the bowl) and one croissant (the side).
      expect(order.totalCents).toBe(2 * c.bowl + c.side);
    });

    it('takes cash with change, and the receipt shows the currency’s digits', async () => {
      const paid = await pay(t.app, order.id, cashBody(order.totalCents, c.tendered));
      expect(paid.statusCode, paid.body).toBe(201);
      const receipt = await t.app.inject({ url: `/api/orders/${order.id}/receipt`, headers: OWNER_AUTH });
      expect(receipt.body).toMatch(new RegExp(`TOTAL +${c.text.receiptTotal}`));
      expect(receipt.body).toMatch(new RegExp(`Change +${c.text.receiptChange}\\n`));
    });

    it('reports the day in the currency, and both CSVs with its digits', async () => {
      // Completed, so the day report counts it as revenue.
      const done = await patchOrder(t.app, order.id, { status: 'completed' });
      expect(done.statusCode, done.body).toBe(200);
      const json = await t.app.inject({ url: `/api/reports/day?date=${today()}`, headers: OWNER_AUTH });
      const report = json.json<DayReport>();
      expect(report.currency).toBe(c.currency);
      expect(report.revenueCents).toBe(order.totalCents);
      const orders = parseCsv(
        (await t.app.inject({ url: `/api/reports/day?date=${today()}&format=csv`, headers: OWNER_AUTH }))
          .body,
      );
      expect(orders[0]).toContain(`total (${c.currency})`);
      const row = orders.find((cells) => cells[0] === order.number)!;
      expect(row[6]).toBe(c.text.total);
      expect(row[7]).toBe(c.text.total);
      expect(row[9]).toBe(`cash ${c.text.total}`);
      const items = parseCsv(
        (
          await t.app.inject({
            url: `/api/reports/day?date=${today()}&format=csv&table=items`,
            headers: OWNER_AUTH,
          })
        ).body,
      );
      expect(items[0]).toEqual(['menu item id', 'name', 'quantity', `revenue (${c.currency})`]);
    });

    it('closes the drawer, and the Z report CSV has the currency’s digits', async () => {
      const expected = c.float + order.totalCents;
      const closed = await post(t.app, '/api/drawer/close', closeBody(expected));
      expect(closed.statusCode, closed.body).toBe(201);
      const csv = parseCsv(
        (await t.app.inject({ url: '/api/reports/z?format=csv&from=2000-01-01', headers: OWNER_AUTH })).body,
      );
      const header = csv[0]!;
      const row = csv.find((cells) => cells[1] === TILL_ID)!;
      const cell = (name: string) => row[header.indexOf(name)];
      expect(cell('float')).toBe(c.text.float);
      expect(cell('cash_sales')).toBe(c.text.total);
      expect(cell('cash_amount')).toBe(c.text.total);
      expect(cell('difference')).toBe(c.currency === 'JPY' ? '0' : '0.000');
    });
  });
}

describe('menu currency validation', () => {
  it('takes codes Intl knows and refuses three letters that are no currency', () => {
    const base = menuIn(CASES[0]!);
    for (const currency of ['JPY', 'KWD', 'EUR', 'USD'])
      expect(checkMenuFile({ ...base, currency }).ok).toBe(true);
    for (const currency of ['XYZ', 'ABC', 'jpy', 'EURO'])
      expect(checkMenuFile({ ...base, currency })).toMatchObject({ ok: false, path: 'currency' });
  });
});
