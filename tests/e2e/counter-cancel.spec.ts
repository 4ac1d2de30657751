// Issue 27 item 5 and DESIGN.md Part 3 "Screen sizes": `Cancel order` asks first (a paid order's question says
// it is paid), `Keep order` keeps it; plus the counter's Find order box, its Skip to menu link and its device
// name (items 7 and 13).
import AxeBuilder from '@axe-core/playwright';
import { counter, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { fetchAllOrders } from './helpers/api.ts';
import { pay } from './helpers/pay.ts';

test('Cancel order asks first; Keep order keeps it, and a paid order’s question says it is paid', async ({
  app,
  server,
  uniqueName,
}) => {
  const name = uniqueName('Paid Pat');
  const { id } = await placeOrder(app, { customerName: name, itemCount: 2 });
  const row = counter(app).row(name);
  await pay(app, row);
  await expect(row).toContainText('Paid');

  await row.getByRole('button', { name: 'Cancel order', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: /^Cancel order/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('paid');
  await expect(dialog.getByRole('button', { name: 'Keep order', exact: true })).toBeFocused();
  const axe = await new AxeBuilder({ page: app }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
  await dialog.getByRole('button', { name: 'Keep order', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(1);
  // Nothing was sent: the server still has it active.
  await expect(counter(app).syncStatus).toContainText('All changes saved');
  expect((await fetchAllOrders(server.url)).find((order) => order.id === id)?.status).toBe('pending');

  await row.getByRole('button', { name: 'Cancel order', exact: true }).click();
  await dialog.getByRole('button', { name: 'Yes, cancel order', exact: true }).click();
  await expect(row).toHaveCount(0);
  await expect
    .poll(async () => (await fetchAllOrders(server.url)).find((order) => order.id === id)?.status)
    .toBe('cancelled');
});

test('Find order narrows the list; Skip to menu reaches the menu in two Tabs; the header names the device', async ({
  app,
  uniqueName,
}) => {
  const first = uniqueName('Findable Fern');
  const second = uniqueName('Other Otto');
  await placeOrder(app, { customerName: first });
  await placeOrder(app, { customerName: second });
  const screen = counter(app);
  const find = app.getByRole('searchbox', { name: 'Find order', exact: true });
  await find.fill(first.split(' ')[2]!);
  await expect(screen.rows).toHaveCount(1);
  await expect(screen.row(first)).toHaveCount(1);
  await find.fill('');
  await expect(screen.row(second)).toHaveCount(1);

  await app.goto('/');
  await expect(screen.activeOrders).toBeAttached();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('link', { name: 'Skip to menu', exact: true })).toBeFocused();
  await app.keyboard.press('Enter');
  await app.keyboard.press('Tab');
  await expect(app.locator(':focus')).toHaveAccessibleName(/^Add /);

  await expect(app.getByRole('banner')).toContainText('counter test device');
});
