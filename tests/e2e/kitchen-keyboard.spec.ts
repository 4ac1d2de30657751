// DESIGN.md Part 3 "Screen sizes": the Kitchen's picked ticket (digits, then Enter) is the one bumped, whatever
// has focus; and the number on a ticket stays its number while other tickets leave (issue 27, item 1).
import type { Page } from '@playwright/test';
import { expect, test } from './helpers/fixtures.ts';
import { kitchen, openScreen, ticketPlace } from './helpers/kitchen-board.ts';
import { finishActiveOrders, seedOrders } from './helpers/seed-orders.ts';

async function openKitchen(page: Page, ids: readonly string[]) {
  await openScreen(page, '/kitchen', (p) => kitchen(p).tickets);
  for (const id of ids) await expect(kitchen(page).ticket(id)).toBeAttached();
}

test('the picked ticket is bumped by Enter even while another ticket’s Bump button has focus', async ({
  device,
  server,
  uniqueName,
}) => {
  await finishActiveOrders(server.url);
  const [tapped, picked] = await seedOrders(server.url, {
    customers: [uniqueName('Tapped'), uniqueName('Picked')],
  });
  const page = await (await device({ role: 'kitchen' })).newPage();
  await openKitchen(page, [tapped!.id, picked!.id]);
  const screen = kitchen(page);

  // A tap on a Bump button leaves the focus on it, as a cook's finger does.
  await screen.bump(tapped!.number).click();
  await expect(screen.ticket(tapped!.id)).toContainText('Preparing');
  await expect(screen.bump(tapped!.number)).toBeFocused();

  await page.keyboard.type(String(await ticketPlace(page, picked!.id)));
  await expect(page.getByRole('status').filter({ hasText: `Picked ticket ${picked!.number}` })).toBeVisible();
  await page.keyboard.press('Enter');

  await expect(screen.ticket(picked!.id)).toContainText('Preparing');
  // The focused ticket was not bumped again (it would have left for the Ready board).
  await expect(screen.ticket(tapped!.id)).toContainText('Preparing');
  await page.waitForTimeout(300);
  await expect(screen.ticket(tapped!.id)).toBeAttached();
});

test('a ticket keeps its number while the tickets before it leave', async ({
  device,
  server,
  uniqueName,
}) => {
  await finishActiveOrders(server.url);
  const [first, second, third] = await seedOrders(server.url, {
    customers: [uniqueName('First'), uniqueName('Second'), uniqueName('Third')],
  });
  const page = await (await device({ role: 'kitchen' })).newPage();
  await openKitchen(page, [first!.id, second!.id, third!.id]);
  const screen = kitchen(page);
  // The cook reads the number on the newest ticket and remembers it.
  const remembered = await ticketPlace(page, third!.id);

  // Meanwhile the two older tickets go to the pass (tapped, not typed).
  for (const order of [first!, second!]) {
    await screen.bump(order.number).click();
    await screen.bump(order.number).click();
    await expect(screen.ticket(order.id)).toHaveCount(0);
  }
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  await page.keyboard.type(String(remembered));
  await page.keyboard.press('Enter');
  await expect(screen.ticket(third!.id)).toContainText('Preparing');
  expect(await ticketPlace(page, third!.id)).toBe(remembered);
});
