// Click "Place order" → the row in the DOM, read from the bench probe (bench/page-probe.ts) on the pages' own
// clocks: shared by every click-to-row measure (plain HTTP and HTTPS) so they time exactly the same thing.
import type { Page } from '@playwright/test';
import { counter } from '../tests/e2e/helpers/device.ts';

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
  const handle = await page.waitForFunction(
    (m) => {
      const state = window.__bench;
      if (state === undefined) return null;
      for (const [id, seen] of Object.entries(state.rows)) {
        if (seen.text.includes(m))
          return { id, clickedAt: state.clicks[state.clicks.length - 1] ?? NaN, seenAt: seen.t };
      }
      return null;
    },
    marker,
    { polling: 10, timeout: 10_000 },
  );
  const placed = (await handle.jsonValue()) as Placed;
  if (!Number.isFinite(placed.clickedAt)) throw new Error(`no Place order click was recorded for ${marker}`);
  return placed;
}

/** When the row of order `id` first entered the DOM of `page` (its probe's clock). */
export async function waitSeen(page: Page, id: string, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction((orderId) => window.__bench?.rows[orderId]?.t ?? null, id, {
    polling: 20,
    timeout: timeoutMs,
  });
  return (await handle.jsonValue()) as number;
}
