// The Settings screen (DESIGN.md Part 3, "Settings", principles 24-25): the owner reaches it from the nav,
// fills the shop's details, locale and time zone with the keyboard alone, sees a clear error for a fifth
// address line (nothing saved), saves, finds the values after a reload, and the counter's receipt preview
// prints them. axe finds nothing serious. Screenshots at 1280x800 and 768x1024 go to docs/screenshots.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { newDevice, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { startServer, type ServerProcess } from './helpers/server-process.ts';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

const form = (page: Page) => page.getByRole('form', { name: 'Shop settings' });

test('settings: shop details, locale and time zone by keyboard, saved, on the receipt', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await newDevice(browser, server.url, { role: 'owner' });
  const owner = await context.newPage();
  await owner.setViewportSize({ width: 1280, height: 800 });
  await openApp(owner);
  await owner
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Settings', exact: true })
    .click();
  await expect(owner).toHaveURL(/\/settings$/);
  const settings = form(owner);
  const shopName = settings.getByRole('textbox', { name: 'Shop name' });
  await expect(shopName).toHaveValue('');

  // Keyboard only: focus the first field, then type and Tab through the form.
  await shopName.focus();
  await owner.keyboard.type('Café Aurora');
  await owner.keyboard.press('Tab');
  await expect(settings.getByRole('textbox', { name: 'Address' })).toBeFocused();
  await owner.keyboard.type('Hauptstraße 1\n2nd floor\nBack yard\nBlock C\n10115 Berlin');
  await owner.keyboard.press('Tab');
  await expect(settings.getByRole('textbox', { name: 'Tax ID' })).toBeFocused();
  await owner.keyboard.type('DE123456789');
  await owner.keyboard.press('Tab');
  await owner.keyboard.type('Danke für Ihren Besuch!');
  await owner.keyboard.press('Tab');
  await expect(settings.getByRole('combobox', { name: 'Locale' })).toBeFocused();
  await settings.getByRole('combobox', { name: 'Locale' }).selectOption('de-DE');
  await owner.keyboard.press('Tab');
  await expect(settings.getByRole('combobox', { name: 'Time zone' })).toBeFocused();
  await settings.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Berlin');
  await owner.keyboard.press('Tab');
  await expect(settings.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
  await owner.keyboard.press('Enter');

  // Five address lines: a clear error, nothing saved.
  await expect(settings.getByRole('alert')).toContainText(
    'The address has 5 lines; a receipt has room for 4.',
  );
  const stored = await owner.evaluate(async () =>
    (await fetch('/api/settings', { cache: 'no-store' })).json(),
  );
  expect(stored).toMatchObject({ shopName: '', address: [] });

  await settings.getByRole('textbox', { name: 'Address' }).fill('Hauptstraße 1\n\n10115 Berlin');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings.getByRole('status')).toHaveText('Settings saved. New receipts and reports use them.');
  await expect(settings.getByRole('alert')).toHaveCount(0);
  await expect(settings.getByRole('textbox', { name: 'Address' })).toHaveValue('Hauptstraße 1\n10115 Berlin');
  const axe = await new AxeBuilder({ page: owner }).include('main').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  await owner.screenshot({ path: 'docs/screenshots/settings-1280x800.png' });
  await owner.setViewportSize({ width: 768, height: 1024 });
  await owner.screenshot({ path: 'docs/screenshots/settings-768x1024.png' });

  await owner.reload();
  await expect(form(owner).getByRole('textbox', { name: 'Shop name' })).toHaveValue('Café Aurora');
  await expect(form(owner).getByRole('combobox', { name: 'Locale' })).toHaveValue('de-DE');
  await expect(form(owner).getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');

  // The counter's receipt preview carries what was saved.
  const till = await (await newDevice(browser, server.url, { role: 'counter' })).newPage();
  await till.setViewportSize({ width: 1280, height: 800 });
  await openApp(till);
  const { id } = await placeOrder(till, { customerName: 'Zoë' });
  const row = till.locator(`[data-order-id="${id}"]`);
  await expect(row.getByText('Waiting to sync')).toHaveCount(0);
  await row.getByRole('button', { name: 'Details', exact: true }).click();
  await row.getByRole('button', { name: 'Receipt', exact: true }).click();
  const preview = till.getByRole('dialog', { name: /^Receipt / }).getByLabel('Receipt preview');
  await expect(preview).toContainText('Café Aurora');
  await expect(preview).toContainText('Hauptstraße 1');
  // The shop's locale (de-DE) words the receipt, whatever language the device shows (issue 24).
  await expect(preview).toContainText('USt-IdNr.: DE123456789');
  await expect(preview).toContainText('Bestellung');
  await expect(preview).toContainText('2,80 €');
  await expect(preview).toContainText('Danke für Ihren Besuch!');
});
