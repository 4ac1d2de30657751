// The Active orders list renders only the rows on screen (issue "Cost that does not grow with history"): it must
// still read as the whole list (aria-setsize/aria-posinset), and scrolling must reach, and act on, any order.
import { counter, placeOrder, scrollToRow } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';

const ORDERS = 24;

test('a long list renders the rows on screen, numbered within the whole list, and scrolling reaches the oldest', async ({
  app,
  uniqueName,
}) => {
  test.setTimeout(120_000);
  const names = Array.from({ length: ORDERS }, (_, i) => uniqueName(`Vera${i}`));
  for (const name of names) await placeOrder(app, { customerName: name });
  const screen = counter(app);
  const total = Number(await app.locator('#active-orders-heading .count').textContent());
  expect(total).toBeGreaterThanOrEqual(ORDERS);

  // Fewer rows than orders in the DOM, each carrying the list's total and its own place in it.
  const rendered = await screen.rows.count();
  expect(rendered).toBeLessThan(total);
  const positions = await screen.rows.evaluateAll((rows) =>
    rows.map((row) => [row.getAttribute('aria-setsize'), row.getAttribute('aria-posinset')]),
  );
  for (const [setSize] of positions) expect(setSize).toBe(String(total));
  expect(positions.map(([, pos]) => Number(pos))).toEqual(Array.from({ length: rendered }, (_, i) => i + 1));

  // The first order placed is the oldest of these, far down the list: scroll to it and act on it.
  const oldest = await scrollToRow(app, names[0]!);
  await expect(oldest).toHaveAttribute('aria-setsize', String(total));
  expect(Number(await oldest.getAttribute('aria-posinset'))).toBeGreaterThan(rendered);
  await oldest.getByRole('button', { name: 'Start preparing' }).click();
  await expect(screen.row(names[0]!)).toContainText('Preparing');
});
