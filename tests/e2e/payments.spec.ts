// Issue 22 (DESIGN Part 3, principle 21 and "Screens, part 3"): the Pay dialog in real Chromium with the real
// SW and server — cash with change (the change stays until dismissed), keyboard only, split cash + card with
// a tip, and the owner's refund turning a paid row back to unpaid; axe on the open dialog.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Order } from '../../protocol/order.ts';
import { fetchAllOrders } from './helpers/api.ts';
import { counter, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { pay, payDialog } from './helpers/pay.ts';

async function serverOrder(baseUrl: string, id: string): Promise<Order> {
  const order = (await fetchAllOrders(baseUrl)).find((o) => o.id === id);
  if (order === undefined) throw new Error(`order ${id} is not on the server`);
  return order;
}

/** Money as the page formats it (its locale, EUR: the sample menu's currency). */
function money(page: Page, cents: number): Promise<string> {
  return page.evaluate(
    (c) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(c / 100),
    cents,
  );
}

test('cash with change: Tendered, quick amounts, a large Change that stays until Done; the row shows Paid', async ({
  app,
  server,
  uniqueName,
}) => {
  const name = uniqueName('Cash Carla');
  const { id } = await placeOrder(app, { customerName: name, itemCount: 2 });
  await expect(counter(app).syncStatus).toContainText('All changes saved');
  const { totalCents, number } = await serverOrder(server.url, id);
  const row = counter(app).row(name);
  await row.getByRole('button', { name: 'Pay', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: `Pay ${number}`, exact: true });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Due ${await money(app, totalCents)}`);
  await expect(dialog.getByRole('button', { name: 'Cash', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const quick = dialog.getByRole('group', { name: 'Quick amounts' }).getByRole('button');
  await expect(quick.first()).toHaveText(`Exact ${await money(app, totalCents)}`);
  expect(await quick.count()).toBeGreaterThan(1);
  const axe = await new AxeBuilder({ page: app }).include('dialog').analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);

  const tenderedCents = 5000;
  await dialog.getByRole('textbox', { name: 'Tendered', exact: true }).fill('50');
  await dialog.getByRole('button', { name: 'Confirm payment', exact: true }).click();
  const change = dialog.getByRole('status');
  await expect(change).toHaveText(`Change ${await money(app, tenderedCents - totalCents)}`);
  // It stays: the dialog does not close on its own.
  await app.waitForTimeout(1500);
  await expect(change).toBeVisible();
  await dialog.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Paid');
  await expect(row.getByRole('button', { name: 'Pay', exact: true })).toHaveCount(0);

  await expect
    .poll(async () => (await serverOrder(server.url, id)).payments?.length ?? 0, { timeout: 15_000 })
    .toBe(1);
  const [payment] = (await serverOrder(server.url, id)).payments!;
  expect(payment).toMatchObject({
    method: 'cash',
    amountCents: totalCents,
    tenderedCents,
    changeCents: tenderedCents - totalCents,
    tipCents: 0,
  });
});

test('keyboard only: Enter opens Pay, typing Tendered and Enter confirms, Enter dismisses the change', async ({
  app,
  server,
  uniqueName,
}) => {
  const name = uniqueName('Keys Kim');
  const { id } = await placeOrder(app, { customerName: name });
  const row = counter(app).row(name);
  await row.getByRole('button', { name: 'Pay', exact: true }).focus();
  await app.keyboard.press('Enter');
  const dialog = payDialog(app);
  const tendered = dialog.getByRole('textbox', { name: 'Tendered', exact: true });
  await expect(tendered).toBeFocused();
  // The focus stays inside the modal dialog however far one tabs.
  for (let i = 0; i < 12; i++) {
    await app.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  // Esc closes without paying.
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Unpaid');

  await row.getByRole('button', { name: 'Pay', exact: true }).focus();
  await app.keyboard.press('Enter');
  await expect(tendered).toBeFocused();
  await app.keyboard.type('100');
  await app.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('Change');
  await expect(dialog.getByRole('button', { name: 'Done', exact: true })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Paid');
  await expect.poll(async () => (await serverOrder(server.url, id)).paid, { timeout: 15_000 }).toBe(true);
});

test('split: part in cash leaves the rest due (Part paid), the rest by card with a tip pays it', async ({
  app,
  server,
  uniqueName,
}) => {
  const name = uniqueName('Split Sam');
  const { id } = await placeOrder(app, { customerName: name, itemCount: 3 });
  await expect(counter(app).syncStatus).toContainText('All changes saved');
  const { totalCents } = await serverOrder(server.url, id);
  const cashCents = Math.floor(totalCents / 2);
  const row = counter(app).row(name);
  const cashText = (cashCents / 100).toFixed(2);
  await pay(app, row, { method: 'cash', amount: cashText, tendered: cashText });
  await expect(row).toContainText('Part paid');

  await row.getByRole('button', { name: 'Pay', exact: true }).click();
  const dialog = payDialog(app);
  await expect(dialog).toContainText(`Due ${await money(app, totalCents - cashCents)}`);
  await dialog.getByRole('button', { name: 'Card', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Tip', exact: true }).fill('1.50');
  await dialog.getByRole('button', { name: 'Confirm payment', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Paid');
  await expect(row).not.toContainText('Part paid');

  await expect
    .poll(async () => (await serverOrder(server.url, id)).payments?.length ?? 0, { timeout: 15_000 })
    .toBe(2);
  const order = await serverOrder(server.url, id);
  expect(order.payments!.map((p) => [p.method, p.amountCents, p.tipCents])).toEqual([
    ['cash', cashCents, 0],
    ['card', totalCents - cashCents, 150],
  ]);
  expect(order).toMatchObject({ paid: true, paidCents: totalCents, dueCents: 0 });
});

test('the owner refunds a payment from the row: asked first, then the row is unpaid again', async ({
  device,
  server,
  uniqueName,
}) => {
  const owner = await (await device({ role: 'owner' })).newPage();
  await openApp(owner);
  const name = uniqueName('Refund Rita');
  const { id } = await placeOrder(owner, { customerName: name });
  const row = counter(owner).row(name);
  await pay(owner, row, { method: 'card' });
  await expect(row).toContainText('Paid');
  const { totalCents } = await serverOrder(server.url, id);

  await row.getByRole('button', { name: 'Details', exact: true }).click();
  await row.getByRole('button', { name: 'Refunds', exact: true }).click();
  const dialog = owner.getByRole('dialog', { name: /^Refunds / });
  await dialog.getByRole('button', { name: /^Refund Card / }).click();
  await expect(dialog.getByRole('textbox', { name: 'Amount', exact: true })).toHaveValue(
    (totalCents / 100).toFixed(2),
  );
  await dialog.getByRole('textbox', { name: 'Reason', exact: true }).fill('Wrong order');
  await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
  // Asked first; the safe answer has the focus.
  await expect(dialog.getByRole('button', { name: 'Keep payment', exact: true })).toBeFocused();
  await dialog.getByRole('button', { name: /^Yes, refund/ }).click();
  await expect(dialog.getByRole('button', { name: /^Refund Card / })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(row).toContainText('Unpaid');
  await expect(row.getByRole('button', { name: 'Pay', exact: true })).toHaveCount(1);

  await expect.poll(async () => (await serverOrder(server.url, id)).paidCents, { timeout: 15_000 }).toBe(0);
  const refunds = (await serverOrder(server.url, id)).payments![0]!.refunds;
  expect(refunds.map((r) => [r.amountCents, r.reason])).toEqual([[totalCents, 'Wrong order']]);
});

test('a paid order that is cancelled shows Refund due in History', async ({ device, uniqueName }) => {
  const owner = await (await device({ role: 'owner' })).newPage();
  await openApp(owner);
  const name = uniqueName('Due Dora');
  await placeOrder(owner, { customerName: name });
  const row = counter(owner).row(name);
  await pay(owner, row);
  await expect(row).toContainText('Paid');
  await row.getByRole('button', { name: 'Cancel order', exact: true }).click();
  await owner.getByRole('button', { name: 'Yes, cancel order', exact: true }).click();
  await expect(row).toHaveCount(0);
  await expect(counter(owner).syncStatus).toContainText('All changes saved');
  await owner.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History' }).click();
  await owner.getByRole('list', { name: 'Order history', exact: true }).getByText(name).click();
  await expect(owner.locator('.history-detail')).toContainText('Refund due');
});
