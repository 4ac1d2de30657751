// Drives the real app (built, served, with its service worker) through a short counter shift and saves
// screenshots: with orders (options included), the Kitchen at 1280x800 and 1920x1080, offline, and with a
// dead letter. Run against a running server started with E2E_ADMIN_TOKEN (the device is paired with it):
//   ORDERLINE_URL=http://localhost:8123 node --import tsx scripts/take-screenshots.ts [outDir]
import { chromium, type Page } from '@playwright/test';
import { pairContext } from '../tests/e2e/helpers/pair-device.ts';

const baseURL = process.env.ORDERLINE_URL ?? 'http://localhost:8080';
const outDir = process.argv[2] ?? 'docs/screenshots';
const viewport = {
  width: Number(process.env.WIDTH ?? 1280),
  height: Number(process.env.HEIGHT ?? 800),
};
const colorScheme = process.env.SCHEME === 'dark' ? 'dark' : 'light';

/**
 * `items` are menu names, with options after a colon: `Flat white: Large, Oat milk`. An item with option
 * groups opens the options dialog (Part 3); the named options are picked there, then `Add to order`.
 */
async function place(page: Page, customer: string, items: string[]): Promise<void> {
  for (const entry of items) {
    const [item = '', options = ''] = entry.split(':');
    await page.getByRole('button', { name: `Add ${item}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: item, exact: true });
    if (!(await dialog.isVisible().catch(() => false))) {
      await dialog.waitFor({ timeout: 500 }).catch(() => undefined);
    }
    if (await dialog.isVisible()) {
      for (const option of options
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)) {
        await dialog
          .getByRole('radio', { name: new RegExp(`^${option}\\b`) })
          .or(dialog.getByRole('checkbox', { name: new RegExp(`^${option}\\b`) }))
          .check();
      }
      await dialog.getByRole('button', { name: 'Add to order', exact: true }).click();
    }
  }
  if (customer) await page.getByRole('textbox', { name: 'Customer name', exact: true }).fill(customer);
  await page.getByRole('button', { name: 'Place order', exact: true }).click();
  if (customer) await row(page, customer).waitFor();
}

/** Pays an order in full with `Other` through the Pay dialog (Part 3 replaced `Mark paid`). */
async function payOther(page: Page, text: string): Promise<void> {
  await row(page, text).getByRole('button', { name: 'Pay', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Pay / });
  await dialog.getByRole('button', { name: 'Other', exact: true }).click();
  await dialog.getByRole('button', { name: 'Confirm payment', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

function row(page: Page, text: string) {
  return page
    .getByRole('list', { name: 'Active orders', exact: true })
    .getByRole('listitem')
    .filter({ hasText: text });
}

async function shoot(page: Page, name: string): Promise<void> {
  // Each column scrolls on its own and clicking scrolled them: show the top (newest orders, first items).
  await page.evaluate(() => {
    for (const column of document.querySelectorAll('.orders-column, .menu-panel')) column.scrollTo(0, 0);
  });
  await page.screenshot({ path: `${outDir}/${name}.png` });
}

/**
 * A till whose cached menu still lists an item the server has since dropped: the SW queues the create and the
 * real server rejects it (422 unknown_menu_item), which makes a real dead letter. Sent through the SW protocol,
 * as the page would; the function body is a string so tsx's transforms never reach the browser.
 */
async function placeRetiredItem(page: Page, customer: string): Promise<void> {
  await page.evaluate(`(async () => {
    const registration = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    const reply = new Promise((resolve) => { channel.port1.onmessage = (event) => resolve(event.data); });
    registration.active.postMessage({ v: 1, type: 'create-order', draft: {
      customerName: ${JSON.stringify(customer)}, note: '',
      items: [{ menuItemId: 'pumpkin-spice-latte', qty: 1, note: '', name: 'Pumpkin spice latte', unitPriceCents: 450 }],
    } }, [channel.port2]);
    await reply;
  })()`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport, colorScheme, serviceWorkers: 'allow', baseURL });
  await pairContext(context, baseURL, { role: 'owner' });
  const page = await context.newPage();
  await page.goto('/');
  await page
    .getByRole('status', { name: 'Sync status' })
    .filter({ hasText: /Online|Offline/ })
    .waitFor();

  await place(page, 'Ada Lovelace', ['Flat white: Large, Oat milk, Extra shot', 'Butter croissant']);
  await place(page, 'Grace Hopper', [
    'Caffè latte: Small',
    'Caffè latte: Soy milk, Vanilla syrup',
    'Banana bread',
  ]);
  await place(page, 'Linus', ['Avocado toast', 'Fresh orange juice']);
  await place(page, 'Margaret Hamilton', ['Double espresso', 'Cappuccino: Almond milk, Caramel syrup']);
  await row(page, 'Ada Lovelace').getByRole('button', { name: 'Start preparing' }).click();
  await row(page, 'Grace Hopper').getByRole('button', { name: 'Start preparing' }).click();
  await row(page, 'Grace Hopper').getByRole('button', { name: 'Mark ready' }).click();
  await payOther(page, 'Grace Hopper');
  await payOther(page, 'Linus');
  await page.getByRole('status', { name: 'Sync status' }).filter({ hasText: 'All changes saved' }).waitFor();
  await shoot(page, 'orders');

  // The Kitchen with option lines, at the till's size and on a 1080p kitchen screen.
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Kitchen', exact: true })
    .click();
  await page.getByRole('list', { name: 'Kitchen tickets' }).waitFor();
  await page.screenshot({ path: `${outDir}/kitchen-options-${viewport.width}x${viewport.height}.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${outDir}/kitchen-options-1920x1080.png` });
  await page.setViewportSize(viewport);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Counter', exact: true })
    .click();
  await row(page, 'Linus').waitFor();

  await placeRetiredItem(page, 'Dan');
  await page.getByRole('list', { name: 'Needs attention', exact: true }).waitFor();

  await context.setOffline(true);
  await page.getByRole('status', { name: 'Sync status' }).filter({ hasText: 'Offline' }).waitFor();
  await place(page, 'Offline Olga', ['Cappuccino', 'Cinnamon bun']);
  await row(page, 'Offline Olga').getByText('Waiting to sync').waitFor();
  await shoot(page, 'offline-with-dead-letter');

  await context.setOffline(false);
  await page.getByRole('status', { name: 'Sync status' }).filter({ hasText: '1 need attention' }).waitFor();
  await page.getByRole('status', { name: 'Sync status' }).filter({ hasText: 'All changes saved' }).waitFor();
  await shoot(page, 'dead-letter');

  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('link', { name: 'Diagnostics', exact: true })
    .click();
  await page.getByRole('heading', { name: 'Diagnostics', exact: true }).waitFor();
  await page.waitForTimeout(2_500);
  await shoot(page, 'diagnostics');
  await context.close();
} finally {
  await browser.close();
}
