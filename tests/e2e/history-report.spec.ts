// Part 2 History, Report and fleet telemetry: the owner finds a completed order by customer and reads its
// status times, the day's Report counts the orders this test placed, both test devices report telemetry into
// the owner's fleet table, and History and Report pass axe with no CSP violation. A tablet whose clock is in
// another zone than the shop's reads days and times on the shop's clock (issue 24).
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import type { DayReport } from '../../protocol/day-report.ts';
import type { HistoryOrder, HistoryResponse } from '../../protocol/history.ts';
import type { ShopSettings } from '../../protocol/settings.ts';
import { readCspViolations, recordCspViolations } from './helpers/csp-violations.ts';
import { counter, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { OWNER_AUTH, pairContext } from './helpers/pair-device.ts';
import { pay } from './helpers/pay.ts';

/** Telemetry every 6 s (the shortest the app allows) instead of every minute, read by the app at start. */
async function prepare(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    localStorage.setItem('orderline.telemetryIntervalMs', '6000');
  });
  await recordCspViolations(context);
}

async function seriousViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.html) }));
}

/** Walks an active order on the counter screen to completed, paid on the way. */
async function complete(page: Page, name: string): Promise<void> {
  const row = counter(page).row(name);
  await row.getByRole('button', { name: 'Start preparing' }).click();
  await row.getByRole('button', { name: 'Mark ready' }).click();
  await pay(page, row);
  await expect(row.getByRole('button', { name: 'Pay', exact: true })).toHaveCount(0);
  await row.getByRole('button', { name: 'Complete' }).click();
  await expect(row).toHaveCount(0);
}

async function shopSettings(baseUrl: string): Promise<ShopSettings> {
  const response = await fetch(`${baseUrl}/api/settings`, {
    headers: OWNER_AUTH,
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ShopSettings;
}

async function patchSettings(baseUrl: string, patch: Partial<ShopSettings>): Promise<void> {
  const response = await fetch(`${baseUrl}/api/settings`, {
    method: 'PATCH',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(patch),
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
}

/** YYYY-MM-DD of today in `timeZone`. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

async function dayReport(baseUrl: string, date: string, tz: string): Promise<DayReport> {
  const url = `${baseUrl}/api/reports/day?date=${date}&tz=${encodeURIComponent(tz)}`;
  const response = await fetch(url, { headers: OWNER_AUTH, signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  return (await response.json()) as DayReport;
}

test('the owner finds a completed order, reads the day report and sees every device in the fleet table', async ({
  device,
  server,
  uniqueName,
}) => {
  test.setTimeout(120_000);
  const ownerContext = await device({ role: 'owner', name: 'Owner till' });
  const counterContext = await device({ role: 'counter', name: 'Second till' });
  await prepare(ownerContext);
  await prepare(counterContext);
  const owner = await ownerContext.newPage();
  const till = await counterContext.newPage();
  await owner.setViewportSize({ width: 1280, height: 800 });
  await openApp(owner);
  await openApp(till);

  // The day and zone are the shop's (Settings), whatever the browser's clock says.
  const tz = (await shopSettings(server.url)).timeZone;
  const date = todayIn(tz);
  const before = await dayReport(server.url, date, tz);

  const first = uniqueName('Grace');
  const second = uniqueName('Edsger');
  await owner.bringToFront();
  const { id: firstId } = await placeOrder(owner, { customerName: first, itemCount: 2 });
  await complete(owner, first);
  await till.bringToFront();
  const { id: secondId } = await placeOrder(till, { customerName: second });
  await complete(till, second);
  // Both completions reached the server before the screens read it (asked over the history API itself).
  const finished = async () => {
    const orders: HistoryOrder[] = [];
    for (const name of [first, second]) {
      const url = `${server.url}/api/orders/history?q=${encodeURIComponent(name)}`;
      const response = await fetch(url, { headers: OWNER_AUTH, signal: AbortSignal.timeout(10_000) });
      orders.push(...((await response.json()) as HistoryResponse).orders);
    }
    return orders;
  };
  await expect
    .poll(async () => (await finished()).map((order) => `${order.id}/${order.status}/${order.paid}`))
    .toEqual([`${firstId}/completed/true`, `${secondId}/completed/true`]);
  const ours = await finished();
  const ourRevenue = ours.reduce((sum, order) => sum + order.totalCents, 0);

  // History: search by customer, open the order, read its status times.
  await owner.bringToFront();
  await owner.getByRole('link', { name: 'History', exact: true }).click();
  await owner.getByRole('searchbox', { name: 'Search orders' }).fill(first);
  const history = owner.getByRole('list', { name: 'Order history', exact: true });
  const found = history.getByRole('listitem');
  await expect(found).toHaveCount(1);
  await expect(found).toHaveAttribute('data-order-id', firstId);
  await found.getByRole('button').click();
  const detail = owner.getByRole('region', { name: /^Order / });
  await expect(detail).toContainText(first);
  const times = owner.getByRole('list', { name: /^Status times of order/ }).getByRole('listitem');
  await expect(times).toHaveText([/^Created: /, /^Preparing: /, /^Ready: /, /^Paid: /, /^Completed: /]);
  expect(await seriousViolations(owner)).toEqual([]);
  // Without a search every finished order is listed, newest first: the till's later order above the owner's.
  await owner.getByRole('searchbox', { name: 'Search orders' }).fill('');
  await expect(found.first()).toHaveAttribute('data-order-id', secondId);
  await expect(found.nth(1)).toHaveAttribute('data-order-id', firstId);
  if (process.env.ORDERLINE_SCREENSHOTS) await owner.screenshot({ path: 'docs/history-screen.png' });

  // Report: today's totals include exactly the two orders placed above.
  await owner.getByRole('link', { name: 'Report', exact: true }).click();
  const totals = owner.getByRole('region', { name: 'Totals' });
  const fact = (term: string) => totals.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('+ dd');
  await expect(fact('Orders')).toHaveText(String(before.orders + 2));
  await expect(fact('Completed')).toHaveText(String(before.completed + 2));
  // In the menu's currency, formatted as the page's locale does (the amount and its currency sign).
  const revenueText = await owner.evaluate(
    ([cents, currency]) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100),
    [before.revenueCents + ourRevenue, before.currency] as [number, string],
  );
  await expect(fact('Revenue')).toContainText(revenueText);
  // The order counts are labelled and add up: active + completed + cancelled = orders.
  const count = async (term: string) => Number(await fact(term).textContent());
  expect((await count('Active')) + (await count('Completed')) + (await count('Cancelled'))).toBe(
    await count('Orders'),
  );
  await expect(owner.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
    'href',
    `/api/reports/day?date=${date}&tz=${encodeURIComponent(tz)}&format=csv`,
  );
  await expect(owner.getByRole('img', { name: /^Orders per hour/ })).toBeVisible();
  expect(await seriousViolations(owner)).toEqual([]);
  if (process.env.ORDERLINE_SCREENSHOTS) await owner.screenshot({ path: 'docs/report-screen.png' });

  // Fleet: both devices appear once each has sent a telemetry report.
  const ids = await Promise.all(
    [owner, till].map((page) =>
      page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { id: string }).id),
    ),
  );
  await owner.getByRole('link', { name: 'Diagnostics', exact: true }).click();
  const fleet = owner.getByRole('table', { name: 'Device telemetry, last hour' });
  for (const id of ids) {
    await expect(fleet.locator(`tr[data-device-id="${id}"]`)).toHaveCount(1, { timeout: 30_000 });
  }
  await expect(fleet.getByRole('rowheader', { name: 'Owner till (this device)' })).toBeVisible();
  await expect(fleet.getByRole('rowheader', { name: 'Second till', exact: true })).toBeVisible();
  expect(await seriousViolations(owner)).toEqual([]);

  expect(await readCspViolations(owner)).toEqual([]);
  expect(await readCspViolations(till)).toEqual([]);
});

test('offline, History says it needs a connection and still finds the orders this device finished recently', async ({
  device,
  uniqueName,
}) => {
  const context = await device({ role: 'owner' });
  const page = await context.newPage();
  await openApp(page);
  const finished = uniqueName('Kept offline');
  const other = uniqueName('Also kept');
  await placeOrder(page, { customerName: finished });
  await placeOrder(page, { customerName: other });
  await complete(page, finished);
  await complete(page, other);
  await context.setOffline(true);
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Order history needs a connection' }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Order history', exact: true })).toHaveCount(0);
  const kept = page.getByRole('list', { name: 'Recently finished on this device' });
  await expect(kept.getByRole('listitem').filter({ hasText: finished })).toContainText('completed');
  await expect(kept.getByRole('listitem').filter({ hasText: other })).toBeVisible();
  // The search filters the kept orders on the device.
  await page.getByRole('searchbox', { name: 'Search orders' }).fill(finished);
  await expect(kept.getByRole('listitem')).toHaveCount(1);
  await expect(kept.getByRole('listitem')).toContainText(finished);
  await context.setOffline(false);
  await expect(
    page
      .getByRole('list', { name: 'Order history', exact: true })
      .getByRole('listitem')
      .filter({ hasText: finished }),
  ).toBeVisible();
  await expect(kept).toHaveCount(0);
});

test("a tablet whose clock is in another zone reads the Report's day and History's days and times on the shop's clock", async ({
  browser,
  server,
  uniqueName,
}) => {
  test.setTimeout(90_000);
  // 25 hours apart: the shop's date is never the tablet's.
  const shopZone = 'Pacific/Kiritimati';
  const tabletZone = 'Pacific/Pago_Pago';
  const before = await shopSettings(server.url);
  await patchSettings(server.url, { timeZone: shopZone });
  const context = await browser.newContext({
    baseURL: server.url,
    serviceWorkers: 'allow',
    timezoneId: tabletZone,
  });
  try {
    await pairContext(context, server.url, { role: 'owner', name: 'Tablet on UTC-11' });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(tabletZone);
    const shopToday = todayIn(shopZone);
    expect(shopToday).not.toBe(todayIn(tabletZone));

    const name = uniqueName('Far away');
    const { id } = await placeOrder(page, { customerName: name });
    await complete(page, name);

    // Report: the default day is the shop's today, in the shop's zone, and so are the downloads.
    await page.getByRole('link', { name: 'Report', exact: true }).click();
    await expect(page.getByLabel('Report day')).toHaveValue(shopToday);
    await expect(page.getByText(`Time zone: ${shopZone}`)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      `/api/reports/day?date=${shopToday}&tz=${encodeURIComponent(shopZone)}&format=csv`,
    );
    const totals = page.getByRole('region', { name: 'Totals' });
    const orders = totals.locator('dt', { hasText: /^Orders$/ }).locator('+ dd');
    const report = await dayReport(server.url, shopToday, shopZone);
    await expect(orders).toHaveText(String(report.orders));
    expect(report.orders).toBeGreaterThan(0);

    // History: the shop's today finds the order (the tablet's midnights would miss it), shown on the shop's
    // clock.
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search orders' }).fill(name);
    const history = page.getByRole('list', { name: 'Order history', exact: true });
    await expect(history.getByRole('listitem')).toHaveCount(1);
    // The tablet's today is not the shop's: the order taken just now is not on it.
    await page.getByLabel('Day', { exact: true }).fill(todayIn(tabletZone));
    await expect(page.getByText('No finished orders match.')).toBeVisible();
    await page.getByLabel('Day', { exact: true }).fill(shopToday);
    await expect(history.getByRole('listitem')).toHaveCount(1);
    const found = history.getByRole('listitem');
    await expect(found).toHaveAttribute('data-order-id', id);
    const time = found.locator('time');
    const at = await time.getAttribute('datetime');
    // Formatted by the browser's own Intl, in the shop's zone: the tablet's would read a day earlier.
    const shown = await page.evaluate(
      ([iso, zone]) =>
        new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: zone }).format(
          new Date(iso),
        ),
      [at!, shopZone] as const,
    );
    await expect(time).toHaveText(shown);

    if (process.env.ORDERLINE_SCREENSHOTS) {
      await page.getByRole('link', { name: 'Report', exact: true }).click();
      await page.evaluate(() => localStorage.setItem('orderline.language', 'de'));
      await page.reload();
      await expect(page.getByText(`Zeitzone: ${shopZone}`)).toBeVisible();
      await expect(page.getByRole('region', { name: 'Summen' })).toBeVisible();
      await page.screenshot({ path: 'docs/screenshots/report-de-shop-zone.png' });
    }
  } finally {
    await context.close();
    // One server serves every spec of this worker: leave the zone as it was.
    await patchSettings(server.url, { timeZone: before.timeZone });
  }
});
