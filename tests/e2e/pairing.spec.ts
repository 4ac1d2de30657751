// Pairing and device management through the UI (DESIGN.md Part 2, "Screens"): an owner pairs a new counter
// device from the Devices screen, the new device enters the shown code and reaches the Counter; the owner
// renames and revokes it, and it shows `Signed out` and the pairing screen. Both screens pass axe, the
// navigation offers each role only its screens, deep links work offline, and the strict CSP sees no violation.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { readCspViolations, recordCspViolations } from './helpers/csp-violations.ts';
import { counter, newDevice, placeOrder, waitForServiceWorkerControl } from './helpers/device.ts';
import { expect, test as base } from './helpers/fixtures.ts';
import { E2E_ADMIN_TOKEN } from './helpers/server-process.ts';

/** These specs pair through the screens themselves: their devices start unpaired. */
const test = base.extend<{ unpairedDevice: () => Promise<BrowserContext> }>({
  unpairedDevice: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await newDevice(browser, server.url, false);
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.close();
  },
});

async function seriousViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.html) }));
}

function screensNav(page: Page) {
  return page.getByRole('navigation', { name: 'Screens', exact: true });
}

async function navLinks(page: Page): Promise<string[]> {
  return screensNav(page).getByRole('link').allTextContents();
}

function pairingForm(page: Page) {
  return {
    code: page.getByRole('textbox', { name: 'Pairing code', exact: true }),
    name: page.getByRole('textbox', { name: 'Device name', exact: true }),
    pair: page.getByRole('button', { name: 'Pair this device', exact: true }),
  };
}

/** An owner code from the admin token, entered through the QR link (`/pair?code=…`). */
async function pairOwner(page: Page, baseUrl: string): Promise<void> {
  const created = await page.request.post(`${baseUrl}/api/pairings`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { role: 'owner' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { code } = (await created.json()) as { code: string };
  const response = await page.goto(`/pair?code=${encodeURIComponent(code)}`);
  // The test is only worth something under the real policy: the page must have been served with it.
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await waitForServiceWorkerControl(page);
  const form = pairingForm(page);
  await expect(form.code).toHaveValue(code);
  await form.name.fill('Owner till');
  await form.pair.click();
  await expect(counter(page).activeOrders).toBeAttached();
}

test('an owner pairs, renames and revokes a counter device through the Devices screen', async ({
  unpairedDevice,
  server,
  uniqueName,
}) => {
  const ownerContext = await unpairedDevice();
  await recordCspViolations(ownerContext);
  const owner = await ownerContext.newPage();
  await pairOwner(owner, server.url);
  // The owner's first screen says what to do next, and opening Devices settles it.
  const nextStep = owner.getByRole('region', { name: 'Next step', exact: true });
  await expect(nextStep).toContainText('You are the owner. Now pair your tablets');
  await expect(nextStep.getByRole('link', { name: 'Devices', exact: true })).toHaveAttribute(
    'href',
    '/devices',
  );
  await expect
    .poll(() => navLinks(owner))
    .toEqual([
      'Counter',
      'Kitchen',
      'Ready board',
      'History',
      'Drawer',
      'Report',
      'Devices',
      'Menu',
      'Printers',
      'Settings',
      'Diagnostics',
    ]);

  await screensNav(owner).getByRole('link', { name: 'Devices', exact: true }).click();
  await expect(owner).toHaveURL(/\/devices$/);
  await expect(nextStep).toHaveCount(0);
  const devices = owner.getByRole('list', { name: 'Devices', exact: true });
  // Other specs on this worker's server may have paired an "Owner till" too: this page's own device is marked.
  await expect(devices.getByRole('listitem').filter({ hasText: 'Owner till (this device)' })).toBeVisible();

  await owner.getByRole('combobox', { name: 'Role', exact: true }).selectOption('counter');
  await owner.getByRole('button', { name: 'Create pairing code', exact: true }).click();
  const shownCode = owner.locator('.pairing-code');
  await expect(shownCode).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(owner.getByRole('img', { name: /^QR code that opens / })).toHaveAttribute(
    'src',
    /^data:image\/svg\+xml/,
  );
  expect(await seriousViolations(owner)).toEqual([]);
  const code = (await shownCode.textContent()) ?? '';

  const tillContext = await unpairedDevice();
  await recordCspViolations(tillContext);
  const till = await tillContext.newPage();
  await till.goto('/pair');
  await waitForServiceWorkerControl(till);
  const form = pairingForm(till);
  await expect(form.code).toBeVisible();
  expect(await seriousViolations(till)).toEqual([]);

  // A wrong code gets one alert, worded for people from the catalogue (not the server's English), and pairs nothing.
  await form.code.fill('ZZZZ-ZZZZ');
  await form.name.fill('Till 2');
  await form.pair.click();
  await expect(till.getByRole('alert')).toContainText(
    'This pairing code is wrong, already used or expired: ask the owner for a new one.',
  );

  await form.code.fill(code.toLowerCase());
  await form.pair.click();
  await expect(counter(till).activeOrders).toBeAttached();
  await expect(till).toHaveURL(/\/$/);
  await expect
    .poll(() => navLinks(till))
    .toEqual(['Counter', 'Kitchen', 'Ready board', 'History', 'Drawer', 'Diagnostics']);

  // The owner's list picks the new device up by itself while the code is outstanding.
  await expect(owner.getByRole('combobox', { name: 'Role of Till 2', exact: true })).toHaveValue('counter');
  await owner.getByRole('textbox', { name: 'New name for Till 2', exact: true }).fill('Till Two');
  await owner.getByRole('button', { name: 'Rename Till 2', exact: true }).click();
  const renamed = devices.getByRole('listitem').filter({ hasText: 'Till Two' });
  await expect(renamed).toBeVisible();
  await owner.getByRole('combobox', { name: 'Role of Till Two', exact: true }).selectOption('kitchen');
  // A role change and a revoke ask first (devices-confirm.spec.ts shows that nothing applies before).
  await owner.getByRole('button', { name: 'Change role to kitchen', exact: true }).click();
  await expect(owner.getByRole('combobox', { name: 'Role of Till Two', exact: true })).toHaveValue('kitchen');
  await expect(renamed.getByRole('definition').first()).toHaveText('kitchen');
  // An order taken offline waits in the outbox while the owner revokes the device.
  await tillContext.setOffline(true);
  await placeOrder(till, { customerName: uniqueName('Kept') });
  await owner.getByRole('button', { name: 'Revoke Till Two', exact: true }).click();
  await owner.getByRole('button', { name: 'Yes, revoke Till Two', exact: true }).click();
  await expect(renamed).toContainText('Revoked');

  // Back online, the server refuses the device: it is signed out, its order is kept, not lost.
  await tillContext.setOffline(false);
  await expect(counter(till).syncStatus).toContainText('Signed out');
  await expect(pairingForm(till).code).toBeVisible();
  await expect(
    till.getByText('1 change is kept on this device and will be sent after pairing.'),
  ).toBeVisible();
  await expect(screensNav(till)).toHaveCount(0);

  expect(await readCspViolations(owner)).toEqual([]);
  expect(await readCspViolations(till)).toEqual([]);
});

test('deep links open their screen from the service worker offline, and Devices says it needs a connection', async ({
  unpairedDevice,
  server,
}) => {
  const context = await unpairedDevice();
  await recordCspViolations(context);
  const page = await context.newPage();
  await pairOwner(page, server.url);
  await page.goto('/devices');
  await expect(page.getByRole('list', { name: 'Devices', exact: true })).toBeVisible();

  await context.setOffline(true);
  await page.goto('/diagnostics');
  await expect(page.getByRole('heading', { name: 'Diagnostics', exact: true })).toBeVisible();
  await page.goto('/devices');
  await expect(page.getByText('Managing devices needs a connection to the server.')).toBeVisible();
  expect(await readCspViolations(page)).toEqual([]);
});

test('a browser without service workers is told why and pointed to /setup, never shown a blank page', async ({
  unpairedDevice,
}) => {
  const context = await unpairedDevice();
  await context.addInitScript(() => {
    // As in a browser (or private mode) that has no service workers at all.
    delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('does not run service workers');
  await expect(page.getByRole('link', { name: 'Set up this device for Orderline' })).toHaveAttribute(
    'href',
    '/setup',
  );
});

test('a service worker that cannot register is shown as a problem, not swallowed', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('alert').first()).toContainText(/could not (start|load)/);
  } finally {
    await context.close();
  }
});
