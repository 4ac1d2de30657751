// A tablet on the shop's LAN (DESIGN.md Part 2, principle 11): plain HTTP on a LAN name is no secure context
// and lands on /setup; HTTPS on that name, with the local CA trusted once, runs the app and its service worker,
// and two tablets pair, sync and survive the server going away there.

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import type { Order } from '../../protocol/order.ts';
import { installabilityErrors } from './helpers/cdp.ts';
import { readCspViolations, recordCspViolations } from './helpers/csp-violations.ts';
import { counter, placeOrder, waitForFirstSnapshot, waitForServiceWorkerControl } from './helpers/device.ts';
import {
  createTrustingHome,
  lanLaunchOptions,
  launchLanBrowser,
  startLanServer,
  type LanBrowser,
  type LanServer,
} from './helpers/lan-browser.ts';
import { OWNER_AUTH } from './helpers/pair-device.ts';

function pairingForm(page: Page) {
  return {
    code: page.getByRole('textbox', { name: 'Pairing code', exact: true }),
    name: page.getByRole('textbox', { name: 'Device name', exact: true }),
    pair: page.getByRole('button', { name: 'Pair this device', exact: true }),
  };
}

let lan: LanServer;
let browser: LanBrowser;

test.beforeAll(async () => {
  lan = await startLanServer();
  browser = await launchLanBrowser(lan);
});
test.afterAll(async () => {
  await browser?.dispose();
  await lan?.server.dispose();
});

test('plain HTTP on the LAN name lands on /setup, which is no secure context and has no service worker', async () => {
  const context = await browser.newDevice();
  const page = await context.newPage();
  await page.goto(`${lan.httpUrl}/`);
  await expect(page).toHaveURL(`${lan.httpUrl}/setup`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up this device for Orderline');
  await expect(page.getByRole('link', { name: lan.httpsUrl, exact: true })).toHaveAttribute(
    'href',
    lan.httpsUrl,
  );
  await expect(page.getByRole('img', { name: `QR code for ${lan.httpsUrl}` })).toBeVisible();
  expect(
    await page.evaluate(() => ({ secure: window.isSecureContext, sw: 'serviceWorker' in navigator })),
  ).toEqual({
    secure: false,
    sw: false,
  });
  expect(await readCspViolations(page)).toEqual([]);
  await context.close();
});

test('HTTPS on the LAN name is trusted through the installed CA: the service worker registers and controls the page', async () => {
  const context = await browser.newDevice();
  const page = await context.newPage();
  const response = await page.goto(`${lan.httpsUrl}/`);
  expect(response?.ok()).toBe(true);
  const security = await response!.securityDetails();
  expect(security?.subjectName).toBe('localhost');
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  await waitForServiceWorkerControl(page);
  // Not paired yet: the app (from the service worker) asks for a pairing code.
  await expect(pairingForm(page).code).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
    `${lan.httpsUrl}/sw.js`,
  );
  expect(await readCspViolations(page)).toEqual([]);
  await context.close();
});

test('two tablets over HTTPS: the owner pairs a counter by code, orders sync both ways and offline, the app is installable', async () => {
  // The owner tablet: a persistent profile (installability is only reported there) in its own Chromium
  // that trusts the CA through its own NSS database, as a second physical tablet would.
  const ownerHome = await createTrustingHome(lan.caPem);
  const profile = await mkdtemp(join(tmpdir(), 'orderline-lan-owner-'));
  const ownerContext = await chromium.launchPersistentContext(profile, {
    ...lanLaunchOptions({ home: ownerHome.home, name: lan.name }),
    headless: true,
    serviceWorkers: 'allow',
    baseURL: lan.httpsUrl,
  });
  const tillContext = await browser.newDevice();
  try {
    await recordCspViolations(ownerContext);
    const owner = ownerContext.pages()[0] ?? (await ownerContext.newPage());
    const till = await tillContext.newPage();
    const noCspViolations = async () => {
      expect(await readCspViolations(owner)).toEqual([]);
      expect(await readCspViolations(till)).toEqual([]);
    };

    // The owner's first pairing: a code from the admin token, entered on the Pairing screen over HTTPS.
    // (The admin token is a script's credential: the code is made from this machine, over loopback.)
    const created = await fetch(`${lan.server.url}/api/pairings`, {
      method: 'POST',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'owner' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { code: ownerCode } = (await created.json()) as { code: string };
    await owner.goto(`${lan.httpsUrl}/pair?code=${encodeURIComponent(ownerCode)}`);
    await waitForServiceWorkerControl(owner);
    // Fill the form once the worker's first state has rendered (the screen may mount again before that).
    await expect(counter(owner).syncStatus).toContainText(/Online|Offline/);
    await expect(pairingForm(owner).code).toHaveValue(ownerCode);
    await pairingForm(owner).name.fill('Owner tablet');
    await expect(pairingForm(owner).name).toHaveValue('Owner tablet');
    await pairingForm(owner).pair.click();
    await waitForFirstSnapshot(owner);
    await noCspViolations();

    // Devices: a code for a counter, shown on the owner's screen.
    await owner
      .getByRole('navigation', { name: 'Screens', exact: true })
      .getByRole('link', { name: 'Devices' })
      .click();
    await expect(owner.getByRole('list', { name: 'Devices', exact: true })).toBeVisible();
    // The trustworthy copy of the CA fingerprint (this screen came over HTTPS; /setup is plain HTTP).
    const setupInfo = (await (await fetch(`${lan.server.url}/api/setup`)).json()) as { caFingerprint: string };
    await expect(owner.getByLabel('CA fingerprint (SHA-256)', { exact: true })).toHaveText(
      setupInfo.caFingerprint,
    );
    await owner.getByRole('combobox', { name: 'Role', exact: true }).selectOption('counter');
    await owner.getByRole('button', { name: 'Create pairing code', exact: true }).click();
    const shownCode = owner.locator('.pairing-code');
    await expect(shownCode).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const tillCode = (await shownCode.textContent()) ?? '';
    await noCspViolations();

    // The second tablet types that code on its Pairing screen.
    await till.goto(`${lan.httpsUrl}/pair`);
    await waitForServiceWorkerControl(till);
    await expect(counter(till).syncStatus).toContainText(/Online|Offline/);
    await pairingForm(till).code.fill(tillCode);
    await pairingForm(till).name.fill('Till 2');
    await expect(pairingForm(till).code).toHaveValue(tillCode);
    await pairingForm(till).pair.click();
    await waitForFirstSnapshot(till);
    await expect(till).toHaveURL(`${lan.httpsUrl}/`);
    await noCspViolations();

    // Orders sync both ways between the two paired tablets.
    await owner
      .getByRole('navigation', { name: 'Screens', exact: true })
      .getByRole('link', { name: 'Counter' })
      .click();
    await waitForFirstSnapshot(owner);
    const fromTill = `Till order ${randomUUID().slice(0, 8)}`;
    await placeOrder(till, { customerName: fromTill });
    await expect(counter(owner).row(fromTill)).toHaveCount(1);
    const fromOwner = `Owner order ${randomUUID().slice(0, 8)}`;
    await placeOrder(owner, { customerName: fromOwner });
    await expect(counter(till).row(fromOwner)).toHaveCount(1);

    // The server goes away; the till keeps taking orders; when it is back the order arrives exactly once.
    await lan.server.stop();
    const offline = `Offline order ${randomUUID().slice(0, 8)}`;
    await placeOrder(till, { customerName: offline });
    await expect(counter(till).row(offline)).toContainText('Waiting to sync');
    await lan.server.start();
    await expect(counter(owner).row(offline)).toHaveCount(1, { timeout: 30_000 });
    await expect(counter(till).row(offline)).not.toContainText('Waiting to sync');
    const changes = await fetch(`${lan.server.url}/api/orders/changes?since=0&limit=1000`, {
      headers: OWNER_AUTH,
    });
    const { orders } = (await changes.json()) as { orders: Order[] };
    expect(orders.filter((order) => order.customerName === offline)).toHaveLength(1);

    // Chromium judges the app installable from the LAN name over HTTPS.
    await expect.poll(() => installabilityErrors(owner), { timeout: 15_000 }).toEqual([]);
    await noCspViolations();
  } finally {
    await tillContext.close();
    await ownerContext.close();
    await rm(profile, { recursive: true, force: true });
    await ownerHome.dispose();
  }
});
