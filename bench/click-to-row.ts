// Click "Place order" → the row in the DOM, read from the bench probe (bench/page-probe.ts) on the pages' own
// clocks: shared by every click-to-row measure (plain HTTP and HTTPS) so they time exactly the same thing.
import type { Page } from '@playwright/test';
import { counter } from '../tests/e2e/helpers/device.ts';
import { waitRow } from './page-probe.ts';

/** A small deterministic PRNG so the click spacing is irregular (not phase-locked to 3 s) yet repeatable. */
export function spacingMs(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return 150 + Math.floor((x - Math.floor(x)) * 350);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Placed {
  id: string;
  clickedAt: number;
  seenAt: number;
}

/** Composes an order with a unique customer name and clicks Place order in `page`. */
export async function placeOrder(page: Page, marker: string): Promise<Placed> {
  const screen = counter(page);
  await screen.customerName.fill(marker);
  await screen.addButtons.first().click();
  await screen.placeOrder.click();
  const { id, seen } = await waitRow(page, { text: marker }, 10_000);
  const clickedAt = await page.evaluate(() => window.__bench?.clicks.at(-1) ?? NaN);
  if (!Number.isFinite(clickedAt)) throw new Error(`no Place order click was recorded for ${marker}`);
  return { id, clickedAt, seenAt: seen.t };
}

/**
 * The same with option lines (#21): the first item with option groups opens its dialog, the second choice
 * of each radio group and the first checkbox are picked, `Add to order`, then Place order is timed alike.
 */
export async function placeOrderWithOptions(page: Page, marker: string): Promise<Placed> {
  const screen = counter(page);
  await screen.customerName.fill(marker);
  await page
    .getByRole('button', { name: /^Add (?!one more )/ })
    .and(page.locator('[aria-haspopup]'))
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  for (const group of await dialog.getByRole('radiogroup').all())
    await group.getByRole('radio').nth(1).check();
  const checkbox = dialog.getByRole('checkbox').first();
  if ((await checkbox.count()) > 0) await checkbox.check();
  await dialog.getByRole('button', { name: 'Add to order', exact: true }).click();
  await screen.placeOrder.click();
  const { id, seen } = await waitRow(page, { text: marker }, 10_000);
  const clickedAt = await page.evaluate(() => window.__bench?.clicks.at(-1) ?? NaN);
  if (!Number.isFinite(clickedAt)) throw new Error(`no Place order click was recorded for ${marker}`);
  return { id, clickedAt, seenAt: seen.t };
}

/** When the row of order `id` first entered the DOM of `page` (its probe's clock). */
export async function waitSeen(page: Page, id: string, timeoutMs: number): Promise<number> {
  return (await waitRow(page, { id }, timeoutMs)).seen.t;
}
