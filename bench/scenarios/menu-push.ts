// Menu edit → another device shows it (`menu_push_ms`, DESIGN principle 15: within 1 s). The owner changes an
// item's price through the API; a paired counter, open on the app, shows the new price on the item's button.
// Timed from just before the PUT (Node's clock) to a MutationObserver seeing the text (the page's clock): one
// machine, one wall clock. The item's own price is put back afterwards so later measures see the menu unchanged.
import type { Browser, Page } from '@playwright/test';
import type { MenuItem } from '../../protocol/menu.ts';
import { OWNER_AUTH, pairContext } from '../../tests/e2e/helpers/pair-device.ts';
import type { BenchEnv } from '../bench-env.ts';
import { openAppWithin } from '../open-app.ts';
import { summarize, type Summary } from '../stats.ts';

export interface MenuPushResult {
  shown: Summary;
  item: string;
}

async function putItem(baseUrl: string, item: MenuItem, priceCents: number): Promise<void> {
  const response = await fetch(`${baseUrl}/api/menu/items/${item.id}`, {
    method: 'PUT',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ name: item.name, priceCents, category: item.category, available: item.available }),
  });
  if (response.status !== 200)
    throw new Error(`PUT menu item → HTTP ${response.status}: ${await response.text()}`);
}

/** Resolves with the page's Date.now() once the item's button text contains `text`. */
function whenButtonShows(page: Page, label: string, text: string): Promise<number> {
  return page.evaluate(
    ({ label, text }) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const button = document.querySelector(`button[aria-label="${CSS.escape(label)}"]`);
          if (button?.textContent?.includes(text)) {
            observer.disconnect();
            resolve(Date.now());
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        check();
      }),
    { label, text },
  );
}

export async function measureMenuPush(
  env: Pick<BenchEnv, 'server' | 'browser'>,
  item: MenuItem,
  samples: number,
  timeoutMs = 10_000,
): Promise<MenuPushResult> {
  const baseUrl = env.server.url;
  const browser: Browser = env.browser;
  const context = await browser.newContext({ baseURL: baseUrl, serviceWorkers: 'allow' });
  // tsx names functions with a `__name` helper the page does not have (as in bench/scenarios/bump.ts).
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const times: number[] = [];
  try {
    await pairContext(context, baseUrl, { role: 'counter' });
    const page = await context.newPage();
    await openAppWithin(page);
    const label = `Add ${item.name}`;
    for (let i = 0; i < samples; i++) {
      // A price the button has never shown in this run: 1.01, 1.02, … (the original is restored below).
      const priceCents = 101 + i;
      const shown = whenButtonShows(page, label, (priceCents / 100).toFixed(2));
      const sentAt = Date.now();
      await putItem(baseUrl, item, priceCents);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const at = await Promise.race([
        shown,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`edit ${i + 1} not shown within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      times.push(at - sentAt);
    }
  } finally {
    await putItem(baseUrl, item, item.priceCents).catch(() => undefined);
    await context.close();
  }
  return { shown: summarize(times), item: item.id };
}
