// The owner's Menu screen (DESIGN.md Part 2, principle 15) end to end: a price edit and a Sold out toggle
// made on the screen show on another device's counter without a reload; the server's 4xx shows next to
// the item; offline, the editor is disabled and says why; axe finds nothing serious. Its own server,
// because it edits the menu other specs click through.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { fetchMenu } from './helpers/api.ts';
import { OWNER_AUTH } from './helpers/pair-device.ts';
import { newDevice, openApp } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { startServer, type ServerProcess } from './helpers/server-process.ts';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function openDevice(
  browser: import('@playwright/test').Browser,
  role: 'owner' | 'counter',
): Promise<Page> {
  const context = await newDevice(browser, server.url, { role });
  const page = await context.newPage();
  await openApp(page);
  return page;
}

async function openMenuScreen(owner: Page): Promise<void> {
  await owner
    .getByRole('navigation', { name: 'Screens', exact: true })
    .getByRole('link', { name: 'Menu', exact: true })
    .click();
  await expect(owner).toHaveURL(/\/menu$/);
  await expect(owner.getByRole('heading', { name: 'Menu', exact: true })).toBeVisible();
}

const addButton = (page: Page, name: string) =>
  page.getByRole('button', { name: `Add ${name}`, exact: true });

test('a price edited and an item marked Sold out on the Menu screen show on another counter without a reload', async ({
  browser,
}) => {
  const till = await openDevice(browser, 'counter');
  await expect(addButton(till, 'Blueberry muffin')).toContainText('3.20');
  const owner = await openDevice(browser, 'owner');
  await openMenuScreen(owner);

  await owner.getByRole('button', { name: 'Edit Blueberry muffin', exact: true }).click();
  await owner.getByRole('textbox', { name: 'Price of Blueberry muffin', exact: true }).fill('3.75');
  await owner.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(owner.locator('[data-item-id="blueberry-muffin"]')).toContainText('3.75');
  const muffin = addButton(till, 'Blueberry muffin');
  await expect(muffin).toContainText('3.75');
  await owner.getByRole('checkbox', { name: 'Sold out: Blueberry muffin', exact: true }).check();
  await expect(
    owner.getByRole('checkbox', { name: 'Sold out: Blueberry muffin', exact: true }),
  ).toBeChecked();

  // A sold-out item shows `Sold out` in place of its price.
  await expect(muffin).toContainText('Sold out');
  await expect(muffin).toBeDisabled();

  const results = await new AxeBuilder({ page: owner }).analyze();
  expect(
    results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id),
  ).toEqual([]);
});

test('the owner adds an item, archives it, and moves a category; the screen shows each published menu', async ({
  browser,
}) => {
  const owner = await openDevice(browser, 'owner');
  await openMenuScreen(owner);
  const add = owner.getByRole('form', { name: 'Add an item', exact: true });
  await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Oat cookie');
  await add.getByRole('textbox', { name: 'Price', exact: true }).fill('2.50');
  await add.getByRole('combobox', { name: 'Category', exact: true }).selectOption('bakery');
  await add.getByRole('button', { name: 'Add item', exact: true }).click();
  const bakery = owner.getByRole('list', { name: 'Bakery', exact: true });
  await expect(bakery.locator('[data-item-id="oat-cookie"]')).toContainText('2.50');

  await owner.getByRole('button', { name: 'Archive Oat cookie', exact: true }).click();
  await expect(owner.locator('[data-item-id="oat-cookie"]')).toHaveCount(0);

  const categoryHeadings = () =>
    owner
      .getByRole('region', { name: 'Items', exact: true })
      .getByRole('heading', { level: 3 })
      .allTextContents();
  await expect.poll(categoryHeadings).toEqual(['Coffee', 'Tea & more', 'Bakery', 'Kitchen']);
  await owner.getByRole('button', { name: 'Move Bakery up', exact: true }).click();
  await expect.poll(categoryHeadings).toEqual(['Coffee', 'Bakery', 'Tea & more', 'Kitchen']);
  await expect(owner.getByRole('button', { name: 'Move Coffee up', exact: true })).toBeDisabled();
});

test("the server's refusal shows next to the item, and offline the editor is disabled and says why", async ({
  browser,
}) => {
  const owner = await openDevice(browser, 'owner');
  await openMenuScreen(owner);

  await owner.getByRole('button', { name: 'Edit Cinnamon bun', exact: true }).click();
  await owner.getByRole('textbox', { name: 'Price of Cinnamon bun', exact: true }).fill('three');
  await owner.getByRole('button', { name: 'Save', exact: true }).click();
  const row = owner.locator('[data-item-id="cinnamon-bun"]');
  await expect(row.getByRole('alert')).toContainText('priceCents');
  await expect(owner.getByRole('textbox', { name: 'Price of Cinnamon bun', exact: true })).toHaveAttribute(
    'aria-describedby',
    'menu-item-error-cinnamon-bun',
  );

  await owner.context().setOffline(true);
  await expect(owner.getByText('Editing the menu needs a connection to the server')).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Archive Granola bowl', exact: true })).toBeDisabled();
  await expect(owner.getByRole('checkbox', { name: 'Sold out: Granola bowl', exact: true })).toBeDisabled();
});

test('Archive can be undone, an archived item is restored, and option groups, tax and discounts are edited on the screen', async ({
  browser,
}) => {
  const owner = await openDevice(browser, 'owner');
  await openMenuScreen(owner);

  await owner.getByRole('button', { name: 'Archive Banana bread', exact: true }).click();
  await expect(owner.locator('[data-item-id="banana-bread"]')).toHaveCount(0);
  await owner
    .getByRole('status')
    .filter({ hasText: 'Banana bread archived' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(owner.locator('[data-item-id="banana-bread"]')).toHaveCount(1);
  expect((await fetchMenu(server.url)).items.some((item) => item.id === 'banana-bread')).toBe(true);

  // Back to back, without waiting for the first to land: the screen queues them, each on the version the
  // one before answered (no stale If-Match, no 412). Each archive is held 400 ms on its way to the (real)
  // server, as on a slow shop Wi-Fi, so the second tap surely comes while the first is still in flight.
  await owner.route('**/api/menu/items/**', async (route) => {
    if (route.request().method() === 'DELETE') await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  await owner.getByRole('button', { name: 'Archive Banana bread', exact: true }).click();
  await owner.getByRole('button', { name: 'Archive Cinnamon bun', exact: true }).click();
  await expect(owner.locator('[data-item-id="banana-bread"]')).toHaveCount(0);
  await expect(owner.locator('[data-item-id="cinnamon-bun"]')).toHaveCount(0);
  await expect(owner.getByRole('alert')).toHaveCount(0);
  await owner.unroute('**/api/menu/items/**');
  const archived = owner.getByRole('list', { name: 'Archived items', exact: true });
  await archived.getByRole('button', { name: 'Restore Banana bread', exact: true }).click();
  await expect(owner.locator('[data-item-id="banana-bread"]')).toHaveCount(1);
  await expect(archived.getByRole('listitem')).toHaveCount(1);

  // Archiving an option group asks first.
  await owner.getByRole('button', { name: 'Archive Toppings', exact: true }).click();
  await expect(owner.getByRole('group', { name: 'Archive Toppings?' })).toBeVisible();
  await owner.getByRole('button', { name: 'Keep', exact: true }).click();
  await expect(owner.getByRole('list', { name: 'Option groups' })).toContainText('Toppings');

  // A tax rate, prices without tax and a discount: menu data, read back from the server.
  await owner.getByRole('textbox', { name: 'Rate of Standard (per cent)', exact: true }).fill('19');
  await owner.getByRole('button', { name: 'Save Standard', exact: true }).click();
  await expect.poll(async () => (await fetchMenu(server.url)).taxRates?.[0]?.rateBasisPoints).toBe(1900);
  await owner.getByRole('checkbox', { name: 'Prices include tax', exact: true }).uncheck();
  await expect.poll(async () => (await fetchMenu(server.url)).pricesIncludeTax).toBe(false);
  const add = owner.getByRole('form', { name: 'Add a discount', exact: true });
  await add.getByRole('textbox', { name: 'Name of new discount', exact: true }).fill('Loyalty');
  await add.getByRole('textbox', { name: 'Value of new discount', exact: true }).fill('10');
  await add.getByRole('button', { name: 'Add discount', exact: true }).click();
  await expect
    .poll(async () => (await fetchMenu(server.url)).discounts?.find((d) => d.name === 'Loyalty')?.value)
    .toBe(1000);

  // The counter prices a cart by that menu: subtotal, the discount, tax per rate and the total.
  const till = await openDevice(browser, 'counter');
  await addButton(till, 'Blueberry muffin').waitFor();
  await addButton(till, 'Fresh orange juice').click();
  await till.getByRole('combobox', { name: 'Discount', exact: true }).selectOption({ label: 'Loyalty' });
  await expect(till.locator('.cart-breakdown')).toContainText('Loyalty');
  await expect(till.locator('.cart-breakdown')).toContainText('Standard 19 %');
});

test('Import menu shows the server refusal naming the bad entry and changes nothing; a good file is one new version', async ({
  browser,
}) => {
  const owner = await openDevice(browser, 'owner');
  await openMenuScreen(owner);
  const exported = await fetch(`${server.url}/api/menu/export`, { headers: OWNER_AUTH });
  expect(exported.status).toBe(200);
  const file = (await exported.json()) as { items: { name: string; category: string }[] };
  const before = await fetchMenu(server.url);

  const bad = structuredClone(file);
  bad.items[1]!.category = 'nowhere';
  const importInput = owner.getByLabel('Import menu', { exact: true });
  await importInput.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(owner.getByRole('alert').filter({ hasText: 'items[1]' })).toBeVisible();
  expect((await fetchMenu(server.url)).version).toBe(before.version);

  const good = structuredClone(file);
  good.items[0]!.name = 'Imported espresso';
  await importInput.setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(good)),
  });
  await expect(owner.getByRole('status').filter({ hasText: 'Imported good.json' })).toBeVisible();
  await expect(owner.getByRole('region', { name: 'Items' })).toContainText('Imported espresso');
  expect((await fetchMenu(server.url)).version).toBe(before.version + 1);
});
