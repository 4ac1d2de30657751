// Part 3 options at the counter, end to end in real Chromium (issue 21): the options dialog works with the
// keyboard alone (focus in, arrows, Esc, focus back) and axe finds nothing serious in it; a latte large with
// oat milk taken OFFLINE is priced, after reconnecting, by the menu version the counter showed although the
// owner changed the oat price meanwhile. Its own server: the owner edits the menu.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import type { Order } from '../../protocol/order.ts';
import { fetchAllOrders, fetchMenu } from './helpers/api.ts';
import { counter, newDevice, openApp } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { OWNER_AUTH } from './helpers/pair-device.ts';
import { startServer, type ServerProcess } from './helpers/server-process.ts';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

async function openCounter(browser: Browser): Promise<Page> {
  const context = await newDevice(browser, server.url, { role: 'counter' });
  const page = await context.newPage();
  await openApp(page);
  return page;
}

const addLatte = (page: Page) => page.getByRole('button', { name: 'Add Caffè latte', exact: true });
const cart = (page: Page) => page.getByRole('list', { name: 'Cart', exact: true });

test('the options dialog is usable with the keyboard alone and has no serious axe violation', async ({
  browser,
}) => {
  const page = await openCounter(browser);
  await addLatte(page).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Caffè latte', exact: true });
  await expect(dialog).toBeVisible();
  const size = dialog.getByRole('radiogroup', { name: /^Size/ });
  const milk = dialog.getByRole('radiogroup', { name: /^Milk/ });
  await expect(dialog.getByRole('group', { name: /^Extras/ })).toBeVisible();
  // Focus moved into the dialog: on Size's checked choice.
  await expect(size.getByRole('radio', { name: 'None' })).toBeFocused();

  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Esc closes and gives focus back to the button that opened it; nothing is added.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(addLatte(page)).toBeFocused();
  await expect(cart(page).getByRole('listitem')).toHaveCount(0);

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  const before = await dialog.getByText(/^Price/).textContent();
  await page.keyboard.press('ArrowDown'); // Small
  await page.keyboard.press('ArrowDown'); // Large
  await expect(size.getByRole('radio', { name: /^Large/ })).toBeChecked();
  await page.keyboard.press('Tab'); // Milk's checked choice (None)
  await page.keyboard.press('ArrowDown'); // Oat milk
  await expect(milk.getByRole('radio', { name: /^Oat milk/ })).toBeChecked();
  // The line's price follows the choices (3.80 → + 0.60 + 0.50).
  await expect(dialog.getByText(/^Price/)).not.toHaveText(before ?? '');
  await page.keyboard.press('Tab'); // Extra shot
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('checkbox', { name: /^Extra shot/ })).toBeChecked();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab'); // 3 more extras, Cancel, Add to order
  await expect(dialog.getByRole('button', { name: 'Add to order', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(dialog).toHaveCount(0);
  await expect(addLatte(page)).toBeFocused();
  await expect(cart(page)).toContainText('Caffè latte — Large, Oat milk, Extra shot');
  // The same choices again merge into that line; no options is another line. Keys go to the dialog once it
  // has focus, as a person presses them once they see it (under load, the arrows once came before the focus).
  await page.keyboard.press('Enter');
  await expect(size.getByRole('radio', { name: 'None' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await dialog.getByRole('button', { name: 'Add to order', exact: true }).press('Enter');
  await expect(cart(page).getByRole('listitem')).toHaveCount(1);
  await expect(cart(page).getByRole('listitem')).toContainText('2');
  await page.close();
});

test('a latte large with oat milk taken offline is priced by the menu version the counter showed', async ({
  browser,
}) => {
  const page = await openCounter(browser);
  const shown = await fetchMenu(server.url);
  const latte = shown.items.find((item) => item.id === 'latte')!;
  const groups = shown.optionGroups ?? [];
  const delta = (group: string, option: string) =>
    groups.find((g) => g.id === group)!.options.find((o) => o.id === option)!.priceDeltaCents;
  const expected = latte.priceCents + delta('size', 'large') + delta('milk', 'oat');
  await expect(addLatte(page)).toBeVisible();

  await page.context().setOffline(true);
  await expect(counter(page).syncStatus).toContainText('Offline');
  await addLatte(page).click();
  const dialog = page.getByRole('dialog', { name: 'Caffè latte', exact: true });
  await dialog.getByRole('radio', { name: /^Large/ }).check();
  await dialog.getByRole('radio', { name: /^Oat milk/ }).check();
  await dialog.getByRole('button', { name: 'Add to order', exact: true }).click();
  await expect(cart(page)).toContainText('Caffè latte — Large, Oat milk');
  await counter(page).customerName.fill('Oat offline');
  await counter(page).placeOrder.click();
  const row = counter(page).row('Oat offline');
  await expect(row).toContainText('Caffè latte — Large, Oat milk');
  await expect(row).toContainText('Waiting to sync');

  // Meanwhile the owner, on another device, makes oat milk dearer: a new menu version.
  const milk = groups.find((g) => g.id === 'milk')!;
  const edit = await fetch(`${server.url}/api/menu/option-groups/milk`, {
    method: 'PUT',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'if-match': `"${shown.version}"` },
    body: JSON.stringify({
      name: milk.name,
      min: milk.min,
      max: milk.max,
      options: milk.options.map((o) =>
        o.id === 'oat' ? { ...o, priceDeltaCents: o.priceDeltaCents + 40 } : o,
      ),
    }),
  });
  expect(edit.status).toBe(200);

  await page.context().setOffline(false);
  await expect(counter(page).syncStatus).toContainText('All changes saved');
  await expect(row).not.toContainText('Waiting to sync');
  const orders: Order[] = (await fetchAllOrders(server.url)).filter((o) => o.customerName === 'Oat offline');
  expect(orders).toHaveLength(1);
  const order = orders[0]!;
  expect(order.menuVersion).toBe(shown.version);
  expect(order.items[0]!.unitPriceCents).toBe(expected);
  expect(order.items[0]!.options?.map((o) => [o.option, o.priceDeltaCents])).toEqual([
    ['large', delta('size', 'large')],
    ['oat', delta('milk', 'oat')],
  ]);
  expect(order.totalCents).toBe(expected);
  await page.close();
});
