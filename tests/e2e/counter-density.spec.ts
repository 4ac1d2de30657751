// Part 2 counter density: on a 1280×800 till the Active orders list shows at least 8 whole orders at once
// (compact rows), and a row's `Details` disclosure shows its items and notes on demand.
import { counter, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';

test('a 1280×800 counter shows at least 8 whole active orders; Details opens a row', async ({
  app,
  uniqueName,
}) => {
  await app.setViewportSize({ width: 1280, height: 800 });
  // More orders than fit, as at lunch: with exactly nine the column could not always scroll far enough to bring
  // the list's top to the top of the screen (its heading stayed in view, and only seven rows fitted).
  const names = Array.from({ length: 12 }, (_, i) => uniqueName(`Dense ${i}`));
  for (const name of names) await placeOrder(app, { customerName: name, itemCount: 3 });
  const screen = counter(app);

  const wholeRows = await screen.activeOrders.evaluate((list) => {
    const column = list.closest('.orders-column') ?? document.documentElement;
    column.scrollTo(
      0,
      list.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop,
    );
    const view = column.getBoundingClientRect();
    const bottom = Math.min(view.bottom, window.innerHeight);
    return [...list.querySelectorAll(':scope > li')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= view.top - 1 && box.bottom <= bottom + 1;
    }).length;
  });
  expect(wholeRows).toBeGreaterThanOrEqual(8);

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
