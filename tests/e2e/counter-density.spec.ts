// Part 2 counter density: on a 1280×800 till the Active orders list shows at least 8 whole orders at once
// (compact rows), and a row's `Details` disclosure shows its items and notes on demand.
import { counter, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';

test('a 1280×800 counter shows at least 8 whole active orders; Details opens a row', async ({
  app,
  uniqueName,
}) => {
  await app.setViewportSize({ width: 1280, height: 800 });
  // More orders than fit, as at lunch.
  const names = Array.from({ length: 12 }, (_, i) => uniqueName(`Dense ${i}`));
  for (const name of names) await placeOrder(app, { customerName: name, itemCount: 3 });
  const screen = counter(app);

  // Scroll the list's top to the top of its column, then count, as a person looks after scrolling: the list
  // is virtualised, so the rows that scroll into view are rendered a frame or more after the scroll (on a busy
  // machine, counting in the same task as the scroll saw seven).
  await screen.activeOrders.evaluate((list) => {
    const column = list.closest('.orders-column') ?? document.documentElement;
    column.scrollTo(
      0,
      list.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop,
    );
  });
  const wholeRows = () =>
    screen.activeOrders.evaluate((list) => {
      const column = list.closest('.orders-column') ?? document.documentElement;
      const view = column.getBoundingClientRect();
      const bottom = Math.min(view.bottom, window.innerHeight);
      return [...list.querySelectorAll(':scope > li')].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= view.top - 1 && box.bottom <= bottom + 1;
      }).length;
    });
  await expect
    .poll(wholeRows, { message: 'whole active orders on a 1280×800 screen' })
    .toBeGreaterThanOrEqual(8);

  const row = screen.row(names[8]!);
  const details = row.getByRole('button', { name: 'Details', exact: true });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const items = row.locator('.order-items');
  await expect(items).toBeVisible();
  // Open, the items wrap instead of being cut to one line.
  expect(await items.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('normal');
});
