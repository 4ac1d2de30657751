// Fault 17 (Part 2): the owner reprices the menu while a device is offline with orders taken at the old
// menu version. Each such order syncs priced at the version the device showed (principle 15), not today's.
import { fetchAllOrders, fetchMenu } from '../helpers/api.ts';
import { counter, openApp } from '../helpers/device.ts';
import { OWNER_AUTH } from '../helpers/pair-device.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('orders taken offline at an old menu version sync at that version’s prices', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(6, 30);
  test.setTimeout(90_000);
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  const before = await fetchMenu(server.url);
  const item = menu[0]!;

  await context.setOffline(true);
  const tags = orderTags('f17-', n);
  await placeViaServiceWorker(
    page,
    tags.map((tag) => ({ ...draftFor(tag, item), menuVersion: before.version })),
  );
  await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);

  // The owner raises the item's price while the device is away: a new menu version.
  if (!faultDisabled('17')) {
    const response = await fetch(new URL(`/api/menu/items/${item.id}`, server.url), {
      method: 'PUT',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'if-match': `"${before.version}"` },
      body: JSON.stringify({
        name: item.name,
        priceCents: item.priceCents + 150,
        category: item.category,
        available: item.available,
      }),
    });
    expect(response.ok, `PUT /api/menu/items/${item.id} → ${response.status}`).toBe(true);
  }
  const after = await fetchMenu(server.url);
  const newPrice = after.items.find((i) => i.id === item.id)?.priceCents;

  await context.setOffline(false);
  await expectConverged({
    fault: '17',
    title: 'menu repriced while a device is offline',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f17-',
    timeoutMs: 30_000,
    evidence: {
      menuVersionsAdvanced: after.version - before.version,
      priceChanged: newPrice !== undefined && newPrice !== item.priceCents ? 1 : 0,
    },
    extra: { oldVersion: before.version, newVersion: after.version },
  });
  const synced = (await fetchAllOrders(server.url)).filter((o) => tags.includes(o.customerName));
  const prices = synced.flatMap((o) => o.items.map((line) => line.unitPriceCents));
  expect(prices, 'every line at the old version’s price').toEqual(tags.map(() => item.priceCents));
});
