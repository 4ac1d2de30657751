// DESIGN.md Part 2 "Screens, part 2": three paired devices (counter, kitchen, display). Orders placed on the
// counter reach the Kitchen and the Ready board; kitchen bumps (tap, button, keyboard) reach the counter and
// the board; a kitchen cut off from the server (fault proxy) still bumps, and each bump arrives once, in order.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { HistoryResponse } from '../../protocol/history.ts';
import { startFaultProxy } from './faults/fault-proxy.ts';
import { cancelOrder, counter, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { board, kitchen, openScreen, ticketPlace } from './helpers/kitchen-board.ts';
import { OWNER_AUTH, pairContext } from './helpers/pair-device.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

async function numberOf(page: Page, name: string): Promise<string> {
  const text = await counter(page).row(name).locator('.order-number').textContent();
  if (!text) throw new Error(`no number for ${name}`);
  return text.trim();
}

/** Status moves the server recorded for a finished order, oldest first (from order_events). */
async function recordedStatuses(baseUrl: string, customerName: string): Promise<string[]> {
  const url = new URL('/api/orders/history', baseUrl);
  url.searchParams.set('q', customerName);
  const response = await fetch(url, { headers: OWNER_AUTH });
  const body = (await response.json()) as HistoryResponse;
  const order = body.orders.find((o) => o.customerName === customerName);
  if (!order) throw new Error(`${customerName} is not in history`);
  // Keep status moves only: a payment is an event with the same status.
  return order.events.map((e) => e.status).filter((status, i, all) => i === 0 || all[i - 1] !== status);
}

test('a kitchen device opens on Kitchen and a display on the Ready board', async ({ device }) => {
  const kitchenPage = await (await device({ role: 'kitchen' })).newPage();
  await openScreen(kitchenPage, '/', (page) => kitchen(page).tickets);
  await expect(kitchenPage).toHaveURL(/\/kitchen$/);

  const displayPage = await (await device({ role: 'display' })).newPage();
  await openScreen(displayPage, '/', (page) => board(page).preparing);
  await expect(displayPage).toHaveURL(/\/board$/);
  await expect(displayPage.getByRole('button')).toHaveCount(0);
});

test('an order placed on the counter shows on the kitchen and the board; kitchen bumps show everywhere', async ({
  app,
  device,
  uniqueName,
}) => {
  const kitchenPage = await (await device({ role: 'kitchen' })).newPage();
  const displayPage = await (await device({ role: 'display' })).newPage();
  await openScreen(kitchenPage, '/kitchen', (page) => kitchen(page).tickets);
  await openScreen(displayPage, '/board', (page) => board(page).preparing);
  const name = uniqueName('Ada');

  const { id } = await placeOrder(app, { customerName: name, itemCount: 2 });
  const number = await numberOf(app, name);
  const ticket = kitchen(kitchenPage).ticket(id);
  await expect(ticket).toContainText(name);
  await expect(ticket).toContainText(number);
  const display = board(displayPage);
  await expect(display.in(display.preparing, id)).toContainText(number);
  await expect(display.in(display.preparing, id)).toContainText('Ada');

  await kitchenPage.bringToFront();
  await kitchen(kitchenPage).bump(number).click();
  await expect(counter(app).row(name)).toContainText('Preparing');
  await expect(ticket).toContainText('Preparing');

  // Tapping the ticket itself bumps it too.
  await ticket.locator('.ticket-items').click();
  await expect(counter(app).row(name)).toContainText('Ready');
  await expect(ticket).toHaveCount(0);
  await expect(display.in(display.preparing, id)).toHaveCount(0);
  await expect(display.in(display.ready, id)).toHaveClass(/just-ready/);

  await app.bringToFront();
  await counter(app).row(name).getByRole('button', { name: 'Complete' }).click();
  await expect(display.in(display.ready, id)).toHaveCount(0);
});

test('the keyboard bump bar: digits pick a ticket by its shown number, Enter bumps it', async ({
  app,
  device,
  uniqueName,
}) => {
  const kitchenPage = await (await device({ role: 'kitchen' })).newPage();
  await openScreen(kitchenPage, '/kitchen', (page) => kitchen(page).tickets);
  const first = uniqueName('Key one');
  const second = uniqueName('Key two');
  const { id: firstId } = await placeOrder(app, { customerName: first });
  const { id: secondId } = await placeOrder(app, { customerName: second });
  const screen = kitchen(kitchenPage);
  await expect(screen.ticket(secondId)).toBeAttached();

  await kitchenPage.bringToFront();
  const place = await ticketPlace(kitchenPage, secondId);
  // Oldest first, each ticket with its own number.
  expect(place).not.toBe(await ticketPlace(kitchenPage, firstId));
  const order = await screen.tickets
    .locator(':scope > li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-order-id')));
  expect(order.indexOf(secondId)).toBeGreaterThan(order.indexOf(firstId));
  await kitchenPage.keyboard.type(String(place));
  await expect(screen.ticket(secondId)).toHaveAttribute('aria-current', 'true');
  await kitchenPage.keyboard.press('Enter');
  await expect(counter(app).row(second)).toContainText('Preparing');
  await expect(counter(app).row(first)).toContainText('Pending');

  await kitchenPage.keyboard.type(String(await ticketPlace(kitchenPage, firstId)));
  await kitchenPage.keyboard.press('Enter');
  await expect(counter(app).row(first)).toContainText('Preparing');
});

test('a kitchen cut off from the server still bumps; each bump reaches everyone once, in order', async ({
  app,
  browser,
  device,
  server,
  uniqueName,
}) => {
  const proxy = await startFaultProxy(server.port);
  const kitchenDevice = await browser.newContext({ baseURL: proxy.url, serviceWorkers: 'allow' });
  try {
    await pairContext(kitchenDevice, proxy.url, { role: 'kitchen' });
    const kitchenPage = await kitchenDevice.newPage();
    const displayPage = await (await device({ role: 'display' })).newPage();
    await openScreen(kitchenPage, '/kitchen', (page) => kitchen(page).tickets);
    await openScreen(displayPage, '/board', (page) => board(page).preparing);
    const done = uniqueName('Offline done');
    const started = uniqueName('Offline started');
    const { id: doneId } = await placeOrder(app, { customerName: done });
    const { id: startedId } = await placeOrder(app, { customerName: started });
    const doneNumber = await numberOf(app, done);
    const startedNumber = await numberOf(app, started);
    const screen = kitchen(kitchenPage);
    await expect(screen.ticket(startedId)).toBeAttached();

    proxy.setMode('refuse');
    await kitchenPage.bringToFront();
    const syncStatus = kitchenPage.getByRole('status', { name: 'Sync status', exact: true });
    await expect(syncStatus).toContainText('Offline');
    await screen.bump(doneNumber).click();
    await expect(screen.ticket(doneId)).toContainText('Waiting to sync');
    await screen.bump(doneNumber).click();
    await screen.bump(startedNumber).click();
    await expect(screen.ticket(doneId)).toHaveCount(0);
    await expect(screen.ticket(startedId)).toContainText('Preparing');
    await expect(syncStatus).toContainText('3 waiting to sync');
    // Nobody else has heard of it yet.
    await expect(counter(app).row(done)).toContainText('Pending');
    await expect(counter(app).row(started)).toContainText('Pending');

    proxy.setMode('forward');
    await expect(syncStatus).toContainText('All changes saved', { timeout: 30_000 });
    await expect(counter(app).row(done)).toContainText('Ready');
    await expect(counter(app).row(started)).toContainText('Preparing');
    const display = board(displayPage);
    await expect(display.in(display.ready, doneId)).toBeAttached();
    await expect(display.in(display.preparing, startedId)).toBeAttached();

    await app.bringToFront();
    await counter(app).row(done).getByRole('button', { name: 'Complete' }).click();
    await cancelOrder(app, counter(app).row(started));
    await expect(counter(app).row(started)).toHaveCount(0);
    await expect
      .poll(() => recordedStatuses(server.url, done))
      .toEqual(['pending', 'preparing', 'ready', 'completed']);
    await expect
      .poll(() => recordedStatuses(server.url, started))
      .toEqual(['pending', 'preparing', 'cancelled']);
  } finally {
    await kitchenDevice.close();
    await proxy.close();
  }
});

test('Kitchen and Ready board have no serious or critical axe violations', async ({
  app,
  device,
  uniqueName,
}) => {
  const name = uniqueName('Axe kitchen');
  const { id } = await placeOrder(app, { customerName: name, itemCount: 2 });
  const kitchenPage = await (await device({ role: 'kitchen' })).newPage();
  await openScreen(kitchenPage, '/kitchen', (page) => kitchen(page).ticket(id));
  expect(await seriousViolations(kitchenPage)).toEqual([]);

  const displayPage = await (await device({ role: 'display' })).newPage();
  await openScreen(displayPage, '/board', (page) => board(page).in(board(page).preparing, id));
  expect(await seriousViolations(displayPage)).toEqual([]);
});

test('the board keeps what it knows and says Offline when the server is gone', async ({
  app,
  device,
  uniqueName,
}) => {
  const name = uniqueName('Board offline');
  const { id } = await placeOrder(app, { customerName: name });
  const displayContext = await device({ role: 'display' });
  const displayPage = await displayContext.newPage();
  await openScreen(displayPage, '/board', (page) => board(page).in(board(page).preparing, id));

  await displayContext.setOffline(true);
  await expect(displayPage.getByRole('status')).toHaveText('Offline');
  await displayPage.reload();
  await expect(board(displayPage).in(board(displayPage).preparing, id)).toBeAttached();
  await expect(displayPage.getByRole('status')).toHaveText('Offline');
  await displayContext.setOffline(false);
});
