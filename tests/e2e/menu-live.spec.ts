// Principle 15 end to end: the owner edits the menu through the API; another device's counter shows
// the new price and `Sold out` without a reload; an order taken offline before its item was archived
// syncs with the price the customer was shown and never needs attention. Its own server, because it
// edits the menu other specs click through.
import type { Page } from '@playwright/test';
import type { MenuResponse } from '../../protocol/menu.ts';
import type { Order } from '../../protocol/order.ts';
import { counter, newDevice, openApp } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { E2E_ADMIN_TOKEN, startServer, type ServerProcess } from './helpers/server-process.ts';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer({ env: { ORDERLINE_ADMIN_TOKEN: E2E_ADMIN_TOKEN } });
});
test.afterAll(async () => {
  await server?.dispose();
});

interface ItemEdit {
  name: string;
  priceCents: number;
  category: string;
  available: boolean;
}

async function ownerEdit(method: 'PUT' | 'DELETE', path: string, body?: ItemEdit): Promise<MenuResponse> {
  const response = await fetch(`${server.url}/api/menu/${path}`, {
    method,
    headers: body ? OWNER : { authorization: OWNER.authorization },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as MenuResponse;
}

const OWNER = { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' };

/** A new device, paired as a counter through the real API (helpers/pair-device.ts), with the app open. */
async function counterDevice(browser: import('@playwright/test').Browser): Promise<Page> {
  const context = await newDevice(browser, server.url);
  const page = await context.newPage();
  await openApp(page);
  return page;
}

const addButton = (page: Page, name: string) =>
  page.getByRole('button', { name: `Add ${name}`, exact: true });

/** Resolves with Date.now() in the page once the item's button text contains `text` (a DOM observer, not a poll). */
function whenButtonShows(page: Page, name: string, text: string): Promise<number> {
  return page.evaluate(
    ({ label, text }) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const button = document.querySelector(`button[aria-label="${CSS.escape(label)}"]`);
          if (button?.textContent?.includes(text)) {
            observer.disconnect();
            resolve(Date.now());
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        check();
      }),
    { label: `Add ${name}`, text },
  );
}

test('a price change and a sold-out item show on another device without a reload', async ({ browser }) => {
  const page = await counterDevice(browser);
  await expect(addButton(page, 'Granola bowl')).toContainText('6.90');

  await ownerEdit('PUT', 'items/granola-bowl', {
    name: 'Granola bowl',
    priceCents: 720,
    category: 'kitchen',
    available: true,
  });
  await ownerEdit('PUT', 'items/soup-of-the-day', {
    name: 'Soup of the day',
    priceCents: 650,
    category: 'kitchen',
    available: false,
  });

  await expect(addButton(page, 'Granola bowl')).toContainText('7.20');
  const soup = addButton(page, 'Soup of the day');
  await expect(soup).toContainText('Sold out');
  await expect(soup).toBeDisabled();
  await page.context().close();
});

// The device is paired before the app opens, so its worker takes the device id pairing gave it and the
// order passes the server's device_mismatch check.
test('an order taken offline before its item is archived syncs at the price shown, never needing attention', async ({
  browser,
  uniqueName,
}) => {
  const page = await counterDevice(browser);
  const context = page.context();
  const screen = counter(page);
  const name = uniqueName('Offline bread');
  await expect(addButton(page, 'Banana bread')).toContainText('3.30');

  await context.setOffline(true);
  await expect(screen.syncStatus).toContainText('Offline');
  await screen.customerName.fill(name);
  await addButton(page, 'Banana bread').click();
  await screen.placeOrder.click();
  await expect(screen.row(name)).toContainText('Waiting to sync');

  await ownerEdit('PUT', 'items/banana-bread', {
    name: 'Banana bread',
    priceCents: 990,
    category: 'bakery',
    available: true,
  });
  await ownerEdit('DELETE', 'items/banana-bread');

  await context.setOffline(false);
  await expect(screen.syncStatus).toContainText('All changes saved');
  await expect(screen.row(name)).not.toContainText('Waiting to sync');
  await expect(page.getByRole('list', { name: 'Needs attention', exact: true })).toHaveCount(0);
  // The archived item is gone from this counter's menu once it reconnected.
  await expect(addButton(page, 'Banana bread')).toHaveCount(0);

  const changes = await fetch(`${server.url}/api/orders/changes?since=0&limit=1000`, { headers: OWNER });
  const { orders } = (await changes.json()) as { orders: Order[] };
  const saved = orders.filter((order) => order.customerName === name);
  expect(saved.map((order) => order.items.map((line) => [line.menuItemId, line.unitPriceCents]))).toEqual([
    [['banana-bread', 330]],
  ]);
  await context.close();
});

test('measure: owner edit → another device shows it (n = 20)', async ({ browser }) => {
  const page = await counterDevice(browser);
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const priceCents = 500 + i;
    const shown = whenButtonShows(page, 'Cinnamon bun', (priceCents / 100).toFixed(2));
    const sentAt = Date.now();
    await ownerEdit('PUT', 'items/cinnamon-bun', {
      name: 'Cinnamon bun',
      priceCents,
      category: 'bakery',
      available: true,
    });
    samples.push((await shown) - sentAt);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  console.log(
    `menu edit → other device shows it: n=${samples.length} p50=${at(0.5)} ms p95=${at(0.95)} ms max=${samples.at(-1)} ms`,
  );
  expect(samples).toHaveLength(20);
});
