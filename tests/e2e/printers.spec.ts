// Printers end to end (DESIGN.md Part 3, principles 23-24): the owner adds a kitchen printer and a receipt
// printer on the Printers screen (virtual printers on loopback), a test page prints, an order's kitchen
// ticket prints, the counter's Receipt dialog previews and prints the receipt, and a printer that goes off
// raises the alert on the counter with the reason. Screenshots at 1280x800 and 768x1024 go to docs/screenshots.
import type { Browser, Page } from '@playwright/test';
import { startVirtualPrinter, type VirtualPrinter } from '../../server/printing/virtual-printer.ts';
import { newDevice, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { startServer, type ServerProcess } from './helpers/server-process.ts';

let server: ServerProcess;
let kitchen: VirtualPrinter;
let till: VirtualPrinter;
test.beforeAll(async () => {
  server = await startServer();
  kitchen = await startVirtualPrinter();
  till = await startVirtualPrinter();
});
test.afterAll(async () => {
  await server?.dispose();
  await kitchen?.close();
  await till?.close();
});

async function openDevice(
  browser: Browser,
  role: 'owner' | 'counter',
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await newDevice(browser, server.url, { role });
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await openApp(page);
  return page;
}

async function addPrinter(
  page: Page,
  name: string,
  port: number,
  kind: 'Kitchen' | 'Receipt',
): Promise<void> {
  await page.getByRole('button', { name: 'Add printer', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add printer' });
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
  await form.getByRole('spinbutton', { name: 'Port' }).fill(String(port));
  await form.getByRole('combobox', { name: 'Kind' }).selectOption({ label: kind });
  await form.getByRole('button', { name: 'Save printer' }).click();
  await expect(
    page.getByRole('list', { name: 'Printers' }).getByRole('listitem').filter({ hasText: name }),
  ).toContainText('Ready');
}

test('printers: set up, test page, kitchen ticket, receipt dialog, offline alert', async ({ browser }) => {
  test.setTimeout(120_000);
  const owner = await openDevice(browser, 'owner');
  await owner
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Printers', exact: true })
    .click();
  await expect(owner.getByRole('heading', { name: 'Printers', exact: true })).toBeVisible();
  await addPrinter(owner, 'Grill', kitchen.port, 'Kitchen');
  await addPrinter(owner, 'Till', till.port, 'Receipt');
  const grill = owner
    .getByRole('list', { name: 'Printers' })
    .getByRole('listitem')
    .filter({ hasText: 'Grill' });
  await grill.getByRole('button', { name: 'Print test page' }).click();
  const [testPage] = await kitchen.waitForTickets(1);
  expect(testPage?.text).toContain('€ £ ä ö ü ß é è ñ ç');
  await owner.screenshot({ path: 'docs/screenshots/printers-1280x800.png' });
  await owner.setViewportSize({ width: 768, height: 1024 });
  await owner.screenshot({ path: 'docs/screenshots/printers-768x1024.png' });

  const till1 = await openDevice(browser, 'counter');
  const { id } = await placeOrder(till1, { customerName: 'Zoë Müller' });
  const tickets = await kitchen.waitForTickets(2);
  expect(tickets[1]?.text).toContain('Zoë Müller');
  const row = till1.locator(`[data-order-id="${id}"]`);
  await expect(row.getByText('Waiting to sync')).toHaveCount(0);
  // Receipt sits behind Details: the compact row keeps its height (8 whole rows at 1280x800).
  await row.getByRole('button', { name: 'Details', exact: true }).click();
  await row.getByRole('button', { name: 'Receipt', exact: true }).click();
  const dialog = till1.getByRole('dialog', { name: /^Receipt / });
  await expect(dialog.getByLabel('Receipt preview')).toContainText('Zoë Müller');
  await expect(dialog.getByLabel('Receipt preview')).toContainText('TOTAL');
  await till1.screenshot({ path: 'docs/screenshots/receipt-dialog-1280x800.png' });
  await dialog.getByRole('button', { name: 'Print receipt', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Sent to the printer.');
  const [receipt] = await till.waitForTickets(1);
  expect(receipt?.text).toContain('Zoë Müller');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // The grill goes off: the next ticket cannot print, and the counter says which printer and why.
  await kitchen.close();
  await placeOrder(till1, { customerName: 'Ada' });
  const alert = till1.getByRole('alert', { name: 'Printer problems' });
  await expect(alert).toContainText('Printer Grill is offline', { timeout: 15_000 });
  await expect(alert).toContainText('127.0.0.1');
  await till1.screenshot({ path: 'docs/screenshots/printer-alert-1280x800.png' });
  await till1.setViewportSize({ width: 768, height: 1024 });
  await till1.screenshot({ path: 'docs/screenshots/printer-alert-768x1024.png' });
});
