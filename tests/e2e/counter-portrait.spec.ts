// DESIGN.md Part 3 "Screen sizes" (issue 27, items 2, 7 and 13): on a 768×1024 portrait tablet every visible
// order row shows its number, customer and items inside the row, and at least 6 whole orders fit with an empty
// cart; item notes show in the row; going offline neither wraps `Cancel order` nor grows a row. Measured in
// the DOM of the real app.
import type { Page } from '@playwright/test';
import { counter, openApp } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { finishActiveOrders, seedOrders } from './helpers/seed-orders.ts';

/** Scrolls the list's top into view and measures the rows that are wholly visible in its column. */
async function measureVisibleRows(page: Page) {
  const list = counter(page).activeOrders;
  await list.evaluate((ul) => {
    const column = ul.closest('.orders-column') ?? document.documentElement;
    column.scrollTo(
      0,
      ul.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop,
    );
  });
  // The virtualised list renders the rows a scroll reveals on the next frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  return list.evaluate((ul) => {
    const column = (ul.closest('.orders-column') ?? document.documentElement).getBoundingClientRect();
    const bottom = Math.min(column.bottom, window.innerHeight);
    const rows = [...ul.querySelectorAll<HTMLElement>(':scope > li')].filter((li) => {
      const box = li.getBoundingClientRect();
      return box.top >= column.top - 1 && box.bottom <= bottom + 1;
    });
    return rows.map((li) => {
      const row = li.getBoundingClientRect();
      const inside = (el: Element | null) => {
        if (el === null) return 'missing';
        const box = el.getBoundingClientRect();
        if (box.width < 8 || box.height < 8)
          return `too small (${Math.round(box.width)}×${Math.round(box.height)})`;
        const fits =
          box.left >= row.left - 0.5 &&
          box.right <= row.right + 0.5 &&
          box.top >= row.top - 0.5 &&
          box.bottom <= row.bottom + 0.5;
        return fits ? 'ok' : 'outside the row';
      };
      // Anything that spills past the row's border (text wider than its box shows as overflow of the box).
      const spilled = [...li.querySelectorAll('*')]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && (box.right > row.right + 0.5 || box.bottom > row.bottom + 0.5);
        })
        .map((el) => `${el.className || el.tagName}: ${el.textContent?.slice(0, 30)}`);
      return {
        text: li.textContent?.slice(0, 40),
        number: inside(li.querySelector('.order-number')),
        customer: inside(li.querySelector('.order-customer')),
        items: inside(li.querySelector('.order-items')),
        note: inside(li.querySelector('.item-note')),
        spilled,
      };
    });
  });
}

test('a 768×1024 portrait counter shows 6+ whole orders, each with number, customer and items inside its row', async ({
  device,
  server,
}) => {
  await finishActiveOrders(server.url);
  await seedOrders(server.url, {
    customers: Array.from({ length: 10 }, (_, i) => `Margaret Hamilton-Lovelace ${i}`),
    itemCount: 2,
    note: 'no chili',
  });
  const page = await (await device()).newPage();
  await page.setViewportSize({ width: 768, height: 1024 });
  await openApp(page);
  await expect(counter(page).rows).not.toHaveCount(0);
  await expect(counter(page).row('Lovelace 9')).toHaveCount(1);

  const rows = await measureVisibleRows(page);
  expect(rows.length, 'whole orders on a 768×1024 counter with an empty cart').toBeGreaterThanOrEqual(6);
  for (const row of rows) {
    expect(row, row.text).toMatchObject({
      number: 'ok',
      customer: 'ok',
      items: 'ok',
      note: 'ok',
      spilled: [],
    });
  }
});

test('offline, a row neither grows nor wraps Cancel order', async ({ device, server, uniqueName }) => {
  await finishActiveOrders(server.url);
  const context = await device();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  const screen = counter(page);
  const place = async (name: string) => {
    await screen.customerName.fill(name);
    await screen.addButtons.nth(0).click();
    await screen.addButtons.nth(1).click();
    await screen.placeOrder.click();
    await expect(screen.row(name)).toHaveCount(1);
  };
  const online = uniqueName('Online');
  await place(online);
  await expect(screen.syncStatus).toContainText('All changes saved');
  await context.setOffline(true);
  await expect(screen.syncStatus).toContainText('Offline');
  const offline = uniqueName('Offline');
  await place(offline);
  await expect(screen.row(offline)).toContainText('Waiting to sync');

  const height = (name: string) => screen.row(name).evaluate((li) => li.getBoundingClientRect().height);
  expect(await height(offline)).toBeLessThanOrEqual((await height(online)) + 1);
  const cancel = screen.row(offline).getByRole('button', { name: 'Cancel order', exact: true });
  const box = await cancel.boundingBox();
  expect(box!.height).toBeLessThan(44); // one line of text
  await context.setOffline(false);
});
