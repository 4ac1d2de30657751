// Screenshots of the Part 3 money screens at 1280×800 and 768×1024 into docs/screenshots/: the Pay dialog
// (cash with change, before and after Confirm payment), the Drawer screen (open, with movements) and a Z report.
// Not a test: runs only with ORDERLINE_SCREENSHOTS=1.
import type { Browser } from '@playwright/test';
import { pairContext } from './helpers/pair-device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { startServer, type ServerProcess } from './helpers/server-process.ts';
import { counter, openApp, placeOrder } from './helpers/device.ts';

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

async function device(browser: Browser, viewport: (typeof SIZES)[number]) {
  const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'allow', viewport });
  await pairContext(context, server.url, { role: 'owner', name: 'Front till' });
  const page = await context.newPage();
  await openApp(page);
  return page;
}

for (const size of SIZES) {
  const at = `${size.width}x${size.height}`;
  test(`pay dialog, drawer and Z report at ${at}`, async ({ browser }) => {
    const page = await device(browser, size);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('link', { name: 'Drawer', exact: true }).click();
    await page.getByRole('textbox', { name: 'Float', exact: true }).fill('150');
    await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
    await page.getByRole('textbox', { name: 'Amount', exact: true }).fill('20');
    await page.getByRole('textbox', { name: 'Reason', exact: true }).fill('Coins from the bank');
    await page.getByRole('button', { name: 'Paid in', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Movements' })).toContainText('Coins');
    await page.getByRole('textbox', { name: 'Amount', exact: true }).fill('6.40');
    await page.getByRole('textbox', { name: 'Reason', exact: true }).fill('Milk from the corner shop');
    await page.getByRole('button', { name: 'Paid out', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Movements' })).toContainText('Milk');

    await nav.getByRole('link', { name: 'Counter', exact: true }).click();
    await placeOrder(page, { customerName: 'Ada Lovelace', itemCount: 3 });
    await placeOrder(page, { customerName: 'Grace Hopper', itemCount: 2 });
    const row = counter(page).row('Ada Lovelace');
    await row.getByRole('button', { name: 'Pay', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Pay / });
    await dialog.getByRole('textbox', { name: 'Tendered', exact: true }).fill('50');
    await page.screenshot({ path: `docs/screenshots/pay-dialog-cash-${at}.png` });
    await dialog.getByRole('button', { name: 'Confirm payment', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Change');
    await page.screenshot({ path: `docs/screenshots/pay-dialog-change-${at}.png` });
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();

    await nav.getByRole('link', { name: 'Drawer', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Drawer open' })).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/drawer-${at}.png` });
    await page.getByRole('textbox', { name: 'Counted cash', exact: true }).fill('190');
    await page.getByRole('button', { name: 'Close drawer', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, close drawer', exact: true }).click();
    const report = page.getByRole('region', { name: /^Z report / });
    await expect(report).toBeVisible({ timeout: 15_000 });
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `docs/screenshots/z-report-${at}.png`, fullPage: true });
  });
}
