// Starts a real server, places a few orders from a paired counter, and saves screenshots of the Kitchen,
// the Ready board and the Counter at 1280×800, 768×1024 (portrait tablet) and 1920×1080, then the board
// with 30 ready orders at 1920×1080 (board-30-ready.png), into docs/screenshots:
//   npm run build && node --import tsx scripts/take-kitchen-screenshots.ts [outDir]
import { chromium, type Browser, type Page } from '@playwright/test';
import { pairContext } from '../tests/e2e/helpers/pair-device.ts';
import { finishActiveOrders, seedOrders } from '../tests/e2e/helpers/seed-orders.ts';
import { startServer } from '../tests/e2e/helpers/server-process.ts';

const outDir = process.argv[2] ?? 'docs/screenshots';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
  { width: 1920, height: 1080 },
];
const CUSTOMERS = [
  'Ada Lovelace',
  'Grace Hopper',
  'Linus',
  '',
  'Margaret Hamilton',
  'Alan Turing',
  'Edsger',
  'Barbara Liskov',
  'Ken',
  'Frances Allen',
];

async function device(
  browser: Browser,
  url: string,
  role: 'counter' | 'kitchen' | 'display',
  size: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, viewport: size, serviceWorkers: 'allow' });
  await pairContext(context, url, { role });
  return context.newPage();
}

async function place(page: Page, customer: string, picks: number[], note?: string): Promise<void> {
  const adds = page.getByRole('button', { name: /^Add (?!one more )/ });
  for (const pick of picks) await adds.nth(pick).click();
  if (note) await page.locator('.line-note').first().fill(note);
  if (customer) await page.getByRole('textbox', { name: 'Customer name', exact: true }).fill(customer);
  await page.getByRole('button', { name: 'Place order', exact: true }).click();
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const till = await device(browser, server.url, 'counter', SIZES[0]!);
  await till.goto('/');
  await till.getByRole('status', { name: 'Sync status' }).filter({ hasText: 'Online' }).waitFor();
  for (const [i, customer] of CUSTOMERS.entries()) {
    await place(
      till,
      customer,
      [i % 5, (i * 3) % 7, ...(i % 3 === 0 ? [2] : [])],
      i % 4 === 1 ? 'no sugar, oat milk' : undefined,
    );
  }
  const rows = till.getByRole('list', { name: 'Active orders' }).getByRole('listitem');
  await rows.nth(CUSTOMERS.length - 1).waitFor();
  // A few moves so every column and state shows: two preparing, two ready.
  for (const [n, label] of [
    [9, 'Start preparing'],
    [8, 'Start preparing'],
    [7, 'Start preparing'],
    [7, 'Mark ready'],
    [6, 'Start preparing'],
    [6, 'Mark ready'],
  ] as const) {
    await rows.nth(n).getByRole('button', { name: label }).click();
  }
  await till.getByRole('status', { name: 'Sync status' }).filter({ hasText: 'All changes saved' }).waitFor();
  for (const size of SIZES) {
    const suffix = `${size.width}x${size.height}`;
    await till.setViewportSize(size);
    await till
      .getByRole('status', { name: 'Sync status' })
      .filter({ hasText: 'All changes saved' })
      .waitFor();
    // Clicking the rows scrolled the columns: show their tops (the newest orders, the first menu items).
    await till.evaluate(() => {
      for (const column of document.querySelectorAll('.orders-column, .menu-panel')) column.scrollTo(0, 0);
    });
    await till.screenshot({ path: `${outDir}/counter-${suffix}.png` });
    const kitchenPage = await device(browser, server.url, 'kitchen', size);
    await kitchenPage.goto('/kitchen');
    await kitchenPage.getByRole('list', { name: 'Kitchen tickets' }).getByRole('listitem').first().waitFor();
    await kitchenPage.keyboard.type('2');
    await kitchenPage.screenshot({ path: `${outDir}/kitchen-${suffix}.png` });
    const displayPage = await device(browser, server.url, 'display', size);
    await displayPage.goto('/board');
    await displayPage.getByRole('list', { name: 'Ready' }).getByRole('listitem').first().waitFor();
    // One number turns ready while the board watches: it is highlighted.
    await kitchenPage.keyboard.type('1');
    await kitchenPage.keyboard.press('Enter');
    await kitchenPage.keyboard.type('1');
    await kitchenPage.keyboard.press('Enter');
    await displayPage.locator('.just-ready').first().waitFor();
    await displayPage.waitForTimeout(1_200);
    await displayPage.screenshot({ path: `${outDir}/board-${suffix}.png` });
    await kitchenPage.context().close();
    await displayPage.context().close();
  }
  // Lunch rush: 30 orders waiting at the pass, the oldest ready first.
  await finishActiveOrders(server.url);
  const names = Array.from({ length: 30 }, (_, i) => `${CUSTOMERS[i % CUSTOMERS.length] || 'Sam'} ${i + 1}`);
  await seedOrders(server.url, { customers: names, status: 'ready' });
  await seedOrders(server.url, { customers: ['Olga', 'Piet', ''], status: 'preparing' });
  const displayPage = await device(browser, server.url, 'display', { width: 1920, height: 1080 });
  await displayPage.goto('/board');
  await displayPage.getByRole('list', { name: 'Ready' }).getByRole('listitem').nth(29).waitFor();
  await displayPage.screenshot({ path: `${outDir}/board-30-ready.png` });
} finally {
  await browser.close();
  await server.dispose();
}
