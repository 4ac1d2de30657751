// `Confirm payment` → the row shows `Paid`, same tab (`pay_same_tab_ms`, DESIGN "Budgets, part 3": p95 ≤ 16 ms).
// Per sample: place an order, open its Pay dialog, choose `Other` (the dialog closes at once, as for a card),
// then a capture-phase click listener stamps `Confirm payment` before the app's handler runs and a
// MutationObserver on the row stamps the moment its `✓ Paid` mark is in the DOM — both on the page's own clock.
import type { Page } from '@playwright/test';
import { counter } from '../../tests/e2e/helpers/device.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { placeOrder, sleep, spacingMs } from '../click-to-row.ts';
import { openAppWithin as openApp } from '../open-app.ts';
import { summarize, type Summary } from '../stats.ts';

export interface PayResult {
  sameTab: Summary;
}

declare global {
  interface Window {
    __benchPay?: Promise<number>;
  }
}

/** Arms the page: resolves `window.__benchPay` with confirm-click → row-paid, in ms. */
function arm(page: Page, orderId: string): Promise<void> {
  return page.evaluate((id) => {
    window.__benchPay = new Promise<number>((resolve, reject) => {
      const row = document.querySelector(`[data-order-id="${CSS.escape(id)}"]`);
      if (row === null) return reject(new Error(`no row ${id}`));
      let clickedAt: number | null = null;
      const onClick = (event: MouseEvent) => {
        const button = event.target instanceof Element ? event.target.closest('button') : null;
        if (button?.textContent?.trim() === 'Confirm payment') clickedAt = performance.now();
      };
      window.addEventListener('click', onClick, { capture: true });
      const observer = new MutationObserver(() => {
        if (clickedAt === null || row.querySelector('.paid-mark') === null) return;
        const shownAt = performance.now();
        observer.disconnect();
        window.removeEventListener('click', onClick, { capture: true });
        resolve(shownAt - clickedAt);
      });
      observer.observe(row, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => reject(new Error(`row ${id} did not show Paid within 10 s`)), 10_000);
    });
  }, orderId);
}

export async function measurePay(env: BenchEnv, samples: number, runId: string): Promise<PayResult> {
  const context = await newBenchDevice(env.browser, env.server.url);
  try {
    const page = await context.newPage();
    await openApp(page);
    await page.bringToFront();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const placed = await placeOrder(page, `${runId}-pay${i}`);
      const row = counter(page).row(`${runId}-pay${i}`);
      await row.getByRole('button', { name: 'Pay', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: /^Pay / });
      await dialog.getByRole('button', { name: 'Other', exact: true }).click();
      await arm(page, placed.id);
      await dialog.getByRole('button', { name: 'Confirm payment', exact: true }).click();
      times.push(await page.evaluate(() => window.__benchPay!));
      await sleep(spacingMs(i));
    }
    return { sameTab: summarize(times) };
  } finally {
    await context.close();
  }
}
