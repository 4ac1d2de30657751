// Currencies with their own decimals in real Chromium (DESIGN.md principle 25): a server seeded with a JPY
// menu (0 decimals) and one with a KWD menu (3): the counter shows the prices so, takes a cash payment with
// change in that currency, and the owner's Report screen shows the day's revenue in it.
import type { Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuFile } from '../../protocol/menu.ts';
import type { Order } from '../../protocol/order.ts';
import { fetchAllOrders } from './helpers/api.ts';
import { counter, newDevice, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { startServer } from './helpers/server-process.ts';

interface Case {
  currency: string;
  digits: number;
  /** Minor units: the first two menu buttons, which placeOrder taps. */
  prices: [number, number];
  /** What the customer hands over, as typed into `Tendered`. */
  tendered: string;
  tenderedMinor: number;
}

const CASES: Case[] = [
  { currency: 'JPY', digits: 0, prices: [980, 450], tendered: '2000', tenderedMinor: 2000 },
  { currency: 'KWD', digits: 3, prices: [1250, 375], tendered: '5', tenderedMinor: 5000 },
];

function menuIn({ currency, prices }: Case): MenuFile {
  return {
    currency,
    categories: [{ id: 'food', name: 'Food' }],
    items: [
      { id: 'bowl', name: 'Bowl', priceCents: prices[0], category: 'food', available: true },
      { id: 'side', name: 'Side', priceCents: prices[1], category: 'food', available: true },
    ],
  };
}

/** Money as the page's Intl writes it with the currency's own decimals, from exact decimal text. */
function money(page: Page, minor: number, { currency, digits }: Case): Promise<string> {
  const text = digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
  return page.evaluate(
    ([value, code, d]) =>
      new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency: code,
        minimumFractionDigits: d,
        maximumFractionDigits: d,
      }).format(Number(value)),
    [text, currency, digits] as [string, string, number],
  );
}

for (const c of CASES) {
  test(`a ${c.currency} menu: prices with ${c.digits} decimals, cash with change, the Report's revenue`, async ({
    browser,
    uniqueName,
  }) => {
    test.setTimeout(180_000);
    const dir = await mkdtemp(join(tmpdir(), `orderline-${c.currency}-`));
    const menuFile = join(dir, 'menu.json');
    await writeFile(menuFile, JSON.stringify(menuIn(c)));
    const server = await startServer({ env: { ORDERLINE_MENU_FILE: menuFile } });
    try {
      const context = await newDevice(browser, server.url, { role: 'owner', name: `${c.currency} till` });
      const app = await context.newPage();
      await app.setViewportSize({ width: 1280, height: 800 });
      await openApp(app);

      // The menu's buttons: each price in the currency's own digits (JPY none, KWD three).
      const prices = app.locator('.menu-item-price');
      await expect(prices).toHaveText([await money(app, c.prices[0], c), await money(app, c.prices[1], c)]);
      const shown = await prices.first().textContent();
      if (c.digits === 0) expect(shown).not.toMatch(/[.,]\d/);
      else expect(shown).toMatch(/[.,]\d{3}(?!\d)/);

      const name = uniqueName(`${c.currency} guest`);
      const { id } = await placeOrder(app, { customerName: name, itemCount: 2 });
      const total = c.prices[0] + c.prices[1];
      const row = counter(app).row(name);
      await row.getByRole('button', { name: 'Start preparing' }).click();
      await row.getByRole('button', { name: 'Mark ready' }).click();

      // Cash with change, in the currency.
      await row.getByRole('button', { name: 'Pay', exact: true }).click();
      const dialog = app.getByRole('dialog', { name: /^Pay / });
      await expect(dialog).toContainText(`Due ${await money(app, total, c)}`);
      await dialog.getByRole('button', { name: 'Cash', exact: true }).click();
      await dialog.getByRole('textbox', { name: 'Tendered', exact: true }).fill(c.tendered);
      await dialog.getByRole('button', { name: 'Confirm payment', exact: true }).click();
      await expect(dialog.getByRole('status')).toHaveText(
        `Change ${await money(app, c.tenderedMinor - total, c)}`,
      );
      await dialog.getByRole('button', { name: 'Done', exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await row.getByRole('button', { name: 'Complete' }).click();
      await expect(row).toHaveCount(0);

      await expect
        .poll(
          async () => (await fetchAllOrders(server.url)).find((o: Order) => o.id === id)?.payments?.length,
          {
            timeout: 15_000,
          },
        )
        .toBe(1);
      const order = (await fetchAllOrders(server.url)).find((o: Order) => o.id === id)!;
      expect(order.totalCents).toBe(total);
      expect(order.payments![0]).toMatchObject({
        method: 'cash',
        amountCents: total,
        tenderedCents: c.tenderedMinor,
        changeCents: c.tenderedMinor - total,
      });

      // The Report: revenue and cash in the currency's digits.
      await app.getByRole('link', { name: 'Report', exact: true }).click();
      const totals = app.getByRole('region', { name: 'Totals' });
      const fact = (term: string) =>
        totals.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('+ dd');
      await expect(fact('Revenue')).toContainText(await money(app, total, c));
      await expect(app.getByRole('main')).toContainText(await money(app, total, c));
      await context.close();
    } finally {
      await server.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
}
