// #21, principle 20: the counter sets an active order's discount from the row's Details. The change goes
// through the service worker like a status move: shown at once (even offline, priced with the cached menu by
// protocol/pricing.ts), kept across a reload while it waits, and confirmed by the server with the same total.
import { fetchActiveOrders } from './helpers/api.ts';
import { counter, placeOrder, waitForFirstSnapshot } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';

test('a discount set offline shows at once, survives a reload and is what the server prices', async ({
  app,
  server,
  uniqueName,
}) => {
  const screen = counter(app);
  const name = uniqueName('Discounted');
  const { id } = await placeOrder(app, { customerName: name, itemCount: 2 });
  const row = screen.row(name);
  await expect(row).not.toContainText('Waiting to sync');
  const before = (await fetchActiveOrders(server.url)).find((order) => order.id === id);
  expect(before?.discount ?? null).toBeNull();
  const fullText = await row.locator('.order-total').textContent();

  await app.context().setOffline(true);
  await expect(screen.syncStatus).toContainText('Offline');
  await row.getByRole('button', { name: 'Details', exact: true }).click();
  const discount = row.getByRole('combobox', { name: 'Discount', exact: true });
  await discount.selectOption({ label: 'Staff' });
  // At once, without the server: the staff discount's 20 % comes off the total.
  await expect(row).toContainText('Waiting to sync');
  await expect(row.locator('.order-total')).not.toHaveText(fullText ?? '');
  const discountedText = await row.locator('.order-total').textContent();
  await app.screenshot({ path: 'docs/screenshots/order-discount-1280x800.png' });

  await app.reload();
  await waitForFirstSnapshot(app);
  await expect(screen.row(name)).toContainText('Waiting to sync');
  await expect(screen.row(name).locator('.order-total')).toHaveText(discountedText ?? '');

  await app.context().setOffline(false);
  await expect(screen.syncStatus).toContainText('All changes saved');
  await expect(screen.row(name)).not.toContainText('Waiting to sync');
  await expect(screen.row(name).locator('.order-total')).toHaveText(discountedText ?? '');
  const after = (await fetchActiveOrders(server.url)).find((order) => order.id === id);
  const subtotal = before!.subtotalCents ?? before!.totalCents;
  expect(after?.discount).toMatchObject({ id: 'staff', amountCents: Math.round(subtotal / 5) });
  expect(after?.totalCents).toBe(before!.totalCents - Math.round(subtotal / 5));

  // Removing it goes the same way.
  await screen.row(name).getByRole('button', { name: 'Details', exact: true }).click();
  await screen.row(name).getByRole('combobox', { name: 'Discount', exact: true }).selectOption('');
  await expect(screen.row(name).locator('.order-total')).toHaveText(fullText ?? '');
  await expect(screen.syncStatus).toContainText('All changes saved');
  const removed = (await fetchActiveOrders(server.url)).find((order) => order.id === id);
  expect(removed?.discount ?? null).toBeNull();
  expect(removed?.totalCents).toBe(before!.totalCents);
});
