// Issue #5: an order placed on one tab shows up on that tab, on the device's other tabs and on other devices;
// status changes travel everywhere; Complete and Cancel order remove the row everywhere.
import {
  cancelOrder,
  counter,
  openApp,
  placeOrder,
  readActiveOrderEvents,
  recordActiveOrderEvents,
} from './helpers/device.ts';
import { installEventSourceProbe, streamedOrderIds } from './helpers/event-source-probe.ts';
import { fetchActiveOrders, fetchAllOrders } from './helpers/api.ts';
import { expect, test } from './helpers/fixtures.ts';

test('placing an order shows its row in the same tab and fires activeOrderAdded', async ({
  app,
  uniqueName,
}) => {
  const name = uniqueName('Ada');
  await recordActiveOrderEvents(app);

  const { id } = await placeOrder(app, { customerName: name });

  const row = counter(app).row(name);
  await expect(row).toContainText('Pending');
  await expect(row).toHaveAttribute('data-order-id', id);
  const events = await readActiveOrderEvents(app);
  expect(events).toContainEqual({ type: 'activeOrderAdded', orderId: id });
});

test('a second tab of the same device shows the new order', async ({ device, uniqueName }) => {
  const context = await device();
  const first = await context.newPage();
  const second = await context.newPage();
  await openApp(first);
  await openApp(second);
  const name = uniqueName('Grace');

  const { id } = await placeOrder(first, { customerName: name });

  await second.bringToFront();
  await expect(counter(second).row(name)).toHaveAttribute('data-order-id', id);
});

test('status changes on one device appear on the other, and Complete removes the row everywhere', async ({
  device,
  server,
  uniqueName,
}) => {
  const tillPage = await (await device()).newPage();
  const kitchenDevice = await device();
  await installEventSourceProbe(kitchenDevice);
  const kitchenPage = await kitchenDevice.newPage();
  await openApp(tillPage);
  await openApp(kitchenPage);
  const till = counter(tillPage);
  const kitchen = counter(kitchenPage);
  const name = uniqueName('Linus');

  const { id } = await placeOrder(tillPage, { customerName: name });
  await kitchenPage.bringToFront();
  await expect(kitchen.row(name)).toContainText('Pending');
  await expect(kitchen.row(name)).toHaveAttribute('data-order-id', id);
  // It came over the server's push stream (SSE), not a poll.
  expect(await streamedOrderIds(kitchenPage)).toContain(id);

  await kitchen.row(name).getByRole('button', { name: 'Start preparing' }).click();
  await expect(till.row(name)).toContainText('Preparing');

  await tillPage.bringToFront();
  await till.row(name).getByRole('button', { name: 'Mark ready' }).click();
  await expect(kitchen.row(name)).toContainText('Ready');

  await kitchenPage.bringToFront();
  await kitchen.row(name).getByRole('button', { name: 'Complete' }).click();
  await expect(kitchen.row(name)).toHaveCount(0);
  await expect(till.row(name)).toHaveCount(0);

  const all = await fetchAllOrders(server.url);
  expect(all.filter((order) => order.id === id).map((order) => order.status)).toEqual(['completed']);
});

test('Cancel order removes the row from every tab and device', async ({ device, server, uniqueName }) => {
  const counterDevice = await device();
  const tabA = await counterDevice.newPage();
  const tabB = await counterDevice.newPage();
  const otherPage = await (await device()).newPage();
  for (const page of [tabA, tabB, otherPage]) await openApp(page);
  const name = uniqueName('Barbara');

  const { id } = await placeOrder(otherPage, { customerName: name });
  await tabA.bringToFront();
  await expect(counter(tabA).row(name)).toHaveCount(1);
  await expect(counter(tabB).row(name)).toHaveCount(1);

  await cancelOrder(tabA, counter(tabA).row(name));

  await expect(counter(tabA).row(name)).toHaveCount(0);
  await expect(counter(tabB).row(name)).toHaveCount(0);
  await expect(counter(otherPage).row(name)).toHaveCount(0);
  await expect
    .poll(async () => (await fetchActiveOrders(server.url)).some((order) => order.id === id))
    .toBe(false);
  const all = await fetchAllOrders(server.url);
  expect(all.filter((order) => order.id === id).map((order) => order.status)).toEqual(['cancelled']);
});
