// DESIGN.md Part 3 "Screen sizes": the Ready board fits 30 ready orders on a 1920×1080 screen at ≥ 40 px, the
// longest waiting first, with nothing below the fold (issue 27, item 3). Measured in the DOM of a real display.
import { expect, test } from './helpers/fixtures.ts';
import { board, openScreen } from './helpers/kitchen-board.ts';
import { finishActiveOrders, seedOrders } from './helpers/seed-orders.ts';

test('30 ready orders fit a 1920×1080 board at ≥ 40 px, oldest ready first', async ({
  device,
  server,
  uniqueName,
}) => {
  await finishActiveOrders(server.url);
  // Ready one after another: the first is the one that has waited longest.
  const ready = await seedOrders(server.url, {
    customers: Array.from({ length: 30 }, (_, i) => uniqueName(`Ready${i}`)),
    status: 'ready',
  });
  await seedOrders(server.url, { customers: ['Olga', 'Piet', ''], status: 'preparing' });

  const context = await device({ role: 'display' });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openScreen(page, '/board', (p) => board(p).ready);
  const list = board(page).ready;
  await expect(list.getByRole('listitem')).toHaveCount(30);

  const shownIds = await list
    .locator(':scope > li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-order-id')));
  expect(shownIds).toEqual(ready.map((order) => order.id));

  const layout = await list.evaluate((ul) => {
    const column = ul.closest('section')!.getBoundingClientRect();
    const rows = [...ul.querySelectorAll(':scope > li')].map((li) => {
      const box = li.getBoundingClientRect();
      const digits = li.querySelector('.board-digits')!;
      return {
        number: digits.textContent,
        fontPx: parseFloat(getComputedStyle(digits).fontSize),
        inside:
          box.top >= column.top &&
          box.bottom <= column.bottom &&
          box.left >= column.left &&
          box.right <= column.right &&
          box.bottom <= window.innerHeight &&
          box.right <= window.innerWidth &&
          box.width > 0 &&
          digits.scrollWidth <= digits.clientWidth + 1,
      };
    });
    const page = document.scrollingElement!;
    return { rows, pageScrolls: page.scrollHeight > window.innerHeight + 1 };
  });
  expect(layout.rows.filter((row) => !row.inside).map((row) => row.number)).toEqual([]);
  expect(Math.min(...layout.rows.map((row) => row.fontPx))).toBeGreaterThanOrEqual(40);
  expect(layout.pageScrolls).toBe(false);
});
