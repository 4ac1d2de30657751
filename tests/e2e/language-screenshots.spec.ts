// Screenshots of the counter, its Pay dialog, the drawer and the kitchen (1280×800) and the owner's Menu and
// Devices (1280×800, 768×1024) in German and Arabic (right to left) into
// docs/screenshots/ (issue 24). Not a test: runs only with ORDERLINE_SCREENSHOTS=1.
import { pairContext } from './helpers/pair-device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { startServer, type ServerProcess } from './helpers/server-process.ts';
import { waitForServiceWorkerControl } from './helpers/device.ts';

test.skip(process.env.ORDERLINE_SCREENSHOTS !== '1', 'screenshots only on request');

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

for (const locale of ['de', 'ar'] as const) {
  test(`counter, pay dialog and kitchen in ${locale} at 1280x800`, async ({ browser }) => {
    // The browser's language picks the app's (no choice stored on the device yet).
    const context = await browser.newContext({
      baseURL: server.url,
      serviceWorkers: 'allow',
      viewport: { width: 1280, height: 800 },
      locale,
    });
    await pairContext(context, server.url, { role: 'counter' });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.removeItem('orderline.language'));
    // Not openApp: it waits for the English names.
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await expect(page.locator('.menu-item').first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    for (const [customerName, items] of [
      ['Lena', 2],
      ['Karim', 1],
      ['Sofía', 3],
    ] as const) {
      await page.locator('input[name="customer"]').fill(customerName);
      for (let i = 0; i < items; i++) await page.locator('.menu-item:not([aria-haspopup])').nth(i).click();
      await page.locator('.place-order').click();
      await expect(page.locator('.order').filter({ hasText: customerName }).first()).toBeVisible();
    }
    await page.locator('.menu-item:not([aria-haspopup])').nth(1).click();
    await page.screenshot({ path: `docs/screenshots/counter-${locale}-1280x800.png` });
    // The Pay dialog on the first order, cash with a tendered amount (its words once the `more` ones are in).
    const pay = { de: 'Bezahlen', ar: 'دفع' }[locale];
    await page
      .locator('.order')
      .filter({ hasText: 'Lena' })
      .getByRole('button', { name: pay, exact: true })
      .first() // this run's Lena: the newest order is on top (the server is shared with the other language's run)
      .click();
    const dialog = page.locator('dialog.pay-dialog');
    await expect(dialog.locator('input').nth(1)).toBeVisible();
    await dialog.locator('input').nth(1).fill('50');
    await page.screenshot({ path: `docs/screenshots/pay-dialog-${locale}-1280x800.png` });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.goto('/kitchen');
    await expect(page.locator('.ticket').first()).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/kitchen-${locale}-1280x800.png` });
    // The drawer screen with an open drawer and a paid in: its facts, movements and forms.
    await page.goto('/drawer');
    await page.locator('.drawer-form input').first().fill('100');
    await page.locator('.drawer-form button[type="submit"]').click();
    await expect(page.locator('.drawer-form')).toHaveCount(2);
    await page.locator('.drawer-form input').nth(0).fill('5');
    await page
      .locator('.drawer-form input')
      .nth(1)
      .fill(locale === 'de' ? 'Wechselgeld von der Bank' : 'فكة من البنك');
    await page.locator('.drawer-form button[value="in"]').click();
    await expect(page.locator('.drawer-screen ul li')).toHaveCount(1);
    await expect(page.locator('.drawer-screen .banner')).toHaveCount(0); // synced: no "waiting" line
    await page.screenshot({ path: `docs/screenshots/drawer-${locale}-1280x800.png` });
    await context.close();
  });
}

for (const locale of ['de', 'ar'] as const) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 768, height: 1024 },
  ]) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`the owner's Menu and Devices in ${locale} at ${size}`, async ({ browser }) => {
      const context = await browser.newContext({
        baseURL: server.url,
        serviceWorkers: 'allow',
        viewport,
        locale,
      });
      await pairContext(context, server.url, { role: 'owner' });
      const page = await context.newPage();
      await page.addInitScript(() => localStorage.removeItem('orderline.language'));
      await page.goto('/menu');
      await waitForServiceWorkerControl(page);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('.menu-row').first()).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/menu-${locale}-${size}.png` });
      // Further down: option groups, tax rates and discounts, where the words run longest.
      await page.locator('.menu-parts').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `docs/screenshots/menu-parts-${locale}-${size}.png` });
      await page.goto('/devices');
      await expect(page.locator('.device').first()).toBeVisible();
      await page.screenshot({ path: `docs/screenshots/devices-${locale}-${size}.png` });
      await context.close();
    });
  }
}
