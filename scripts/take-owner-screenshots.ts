// Screenshots of the owner's screens (Pairing, Devices, Report, History, Diagnostics) at 1280×800 and 768×1024,
// each checked with axe. Drives the real app against a running server started with ORDERLINE_ADMIN_TOKEN:
//   ORDERLINE_URL=http://localhost:8391 ORDERLINE_ADMIN_TOKEN=… node --import tsx scripts/take-owner-screenshots.ts
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from '@playwright/test';

const baseURL = process.env.ORDERLINE_URL ?? 'http://localhost:8080';
const adminToken = process.env.ORDERLINE_ADMIN_TOKEN ?? '';
const outDir = process.argv[2] ?? 'docs/screenshots';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
];

async function pairingCode(role: string): Promise<string> {
  const response = await fetch(`${baseURL}/api/pairings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (response.status !== 201)
    throw new Error(`pairing code: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { code: string }).code;
}

async function axe(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(
    `${name}: axe ${serious.length === 0 ? 'clean' : JSON.stringify(serious.map((v) => [v.id, v.nodes.length]))}`,
  );
}

async function shoot(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${outDir}/${name}-${size.width}x${size.height}.png` });
  await axe(page, `${name} ${size.width}x${size.height}`);
}

async function ownerPage(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, serviceWorkers: 'allow', baseURL });
  const page = await context.newPage();
  const code = await pairingCode('owner');
  await page.goto(`/pair?code=${code}`);
  await page.getByRole('textbox', { name: 'Device name', exact: true }).fill(`Owner till ${size.width}`);
  await page.getByRole('button', { name: 'Pair this device', exact: true }).click();
  await page.getByRole('list', { name: 'Active orders', exact: true }).waitFor({ state: 'attached' });
  return page;
}

async function nav(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Screens', exact: true })
    .getByRole('link', { name, exact: true })
    .click();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  // A kitchen and a display that pair and then go away: Diagnostics shows them offline.
  for (const role of ['kitchen', 'display']) {
    await fetch(`${baseURL}/api/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: await pairingCode(role),
        name: role === 'kitchen' ? 'Kitchen screen' : 'Front TV',
      }),
    });
  }
  for (const size of SIZES) {
    const fresh = await browser.newContext({ viewport: size, serviceWorkers: 'allow', baseURL });
    const pairing = await fresh.newPage();
    await pairing.goto(`/pair?code=${await pairingCode('counter')}`);
    await pairing.getByRole('textbox', { name: 'Device name', exact: true }).fill('Front counter');
    await shoot(pairing, 'pairing', size);
    await fresh.close();

    const page = await ownerPage(browser, size);
    await shoot(page, 'owner-welcome', size);
    for (const [customer, item] of [
      ['Ada', 'Flat white'],
      ['Grace', 'Espresso'],
      ['Linus', 'Mocha'],
    ] as const) {
      await page.getByRole('button', { name: `Add ${item}`, exact: true }).click();
      await page
        .getByRole('textbox', { name: 'Customer name', exact: true })
        .fill(`${customer} ${size.width}`);
      await page.getByRole('button', { name: 'Place order', exact: true }).click();
    }
    const ada = page.getByRole('listitem').filter({ hasText: `Ada ${size.width}` });
    for (const step of ['Start preparing', 'Mark ready', 'Complete'])
      await ada.getByRole('button', { name: step, exact: true }).click();

    await nav(page, 'Devices');
    await page.getByRole('button', { name: 'Create pairing code', exact: true }).click();
    await page.locator('.pairing-code').waitFor();
    await shoot(page, 'devices', size);
    await page.getByRole('button', { name: 'Revoke Kitchen screen', exact: true }).first().click();
    await page
      .getByRole('button', { name: 'Yes, revoke Kitchen screen', exact: true })
      .first()
      .scrollIntoViewIfNeeded();
    await shoot(page, 'devices-confirm-revoke', size);
    await page.getByRole('button', { name: 'Keep Kitchen screen', exact: true }).first().click();

    await nav(page, 'Report');
    await page.getByRole('region', { name: 'Totals' }).waitFor();
    await shoot(page, 'report', size);
    await nav(page, 'History');
    await page.getByRole('searchbox', { name: 'Search orders' }).fill('1');
    await shoot(page, 'history', size);
    await nav(page, 'Diagnostics');
    await page.getByRole('list', { name: 'Device connections' }).waitFor();
    await shoot(page, 'diagnostics', size);
    await page.context().close();
  }
} finally {
  await browser.close();
}
