// Screenshots of the Part 3 counter (options dialog open, a cart with options and a discount) and the Menu
// screen at 1280×800 and 768×1024 into docs/screenshots/. Not a test: runs only with ORDERLINE_SCREENSHOTS=1.
import type { Browser, Page } from '@playwright/test';
import { pairContext } from './helpers/pair-device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { startServer, type ServerProcess } from './helpers/server-process.ts';
import { openApp } from './helpers/device.ts';

test.skip(process.env.ORDERLINE_SCREENSHOTS !== '1', 'screenshots only on request');

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
];

async function device(browser: Browser, role: 'owner' | 'counter', viewport: (typeof SIZES)[number]) {
  const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'allow', viewport });
  await pairContext(context, server.url, { role });
  const page = await context.newPage();
  await openApp(page);
  return page;
}

const add = (page: Page, name: string) => page.getByRole('button', { name: `Add ${name}`, exact: true });

for (const size of SIZES) {
  test(`options dialog and menu screen at ${size.width}x${size.height}`, async ({ browser }) => {
    const till = await device(browser, 'counter', size);
    await add(till, 'Flat white').click();
    const flat = till.getByRole('dialog', { name: 'Flat white' });
    await flat.getByRole('radio', { name: /^Oat milk/ }).check();
    await flat.getByRole('checkbox', { name: /^Extra shot/ }).check();
    await flat.getByRole('button', { name: 'Add to order' }).click();
    await add(till, 'Butter croissant').click();
    await till.getByRole('combobox', { name: 'Discount' }).selectOption({ label: 'Staff' });
    await add(till, 'Caffè latte').click();
    const latte = till.getByRole('dialog', { name: 'Caffè latte' });
    await latte.getByRole('radio', { name: /^Large/ }).check();
    await latte.getByRole('radio', { name: /^Oat milk/ }).check();
    await expect(latte.getByText(/^Price/)).toBeVisible();
    await till.screenshot({ path: `docs/screenshots/counter-options-${size.width}x${size.height}.png` });
    await latte.getByRole('button', { name: 'Add to order' }).click();
    await till.screenshot({ path: `docs/screenshots/counter-cart-options-${size.width}x${size.height}.png` });

    const owner = await device(browser, 'owner', size);
    await owner.goto('/menu');
    await expect(owner.getByRole('region', { name: 'Items' })).toBeVisible();
    await owner.screenshot({ path: `docs/screenshots/menu-${size.width}x${size.height}.png` });
    await owner.getByRole('button', { name: 'Edit Flat white', exact: true }).click();
    await owner.getByRole('button', { name: 'Edit Size', exact: true }).click();
    await owner.screenshot({
      path: `docs/screenshots/menu-editing-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  });
}
