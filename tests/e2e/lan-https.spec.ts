// A tablet on the shop's LAN (DESIGN.md Part 2, principle 11): plain HTTP on a LAN name is no secure context
// and lands on /setup; HTTPS on that name, with the local CA trusted once, runs the app and its service worker.

import { expect, test } from '@playwright/test';
import { waitForFirstSnapshot, waitForServiceWorkerControl } from './helpers/device.ts';
import {
  launchLanBrowser,
  readCspViolations,
  startLanServer,
  type LanBrowser,
  type LanServer,
} from './helpers/lan-browser.ts';

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
  await waitForFirstSnapshot(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
    `${lan.httpsUrl}/sw.js`,
  );
  expect(await readCspViolations(page)).toEqual([]);
  await context.close();
});
