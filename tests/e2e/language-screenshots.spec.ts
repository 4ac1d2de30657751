// Screenshots of the counter and the kitchen (1280×800) and the owner's Menu and Devices (1280×800, 768×1024)
// in German and Arabic (right to left) into
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
  test(`counter and kitchen in ${locale} at 1280x800`, async ({ browser }) => {
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
    await page.goto('/kitchen');
    await expect(page.locator('.ticket').first()).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/kitchen-${locale}-1280x800.png` });
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
