// Click "Place order" → row on another device, over HTTPS (`other_device_tls_ms`): both devices open the app
// at https://orderline.test:<port> in a Chromium that maps that name to 127.0.0.1 and trusts the server's local
// CA through an NSS database in its own HOME, as a person installs it (tests/e2e/helpers/lan-browser.ts).
// Never --ignore-certificate-errors: a certificate the browser does not trust fails the measure.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { PairingResponse } from '../../protocol/pairing.ts';
import { createTrustingHome, lanLaunchOptions, type LanServer } from '../../tests/e2e/helpers/lan-browser.ts';
import { OWNER_AUTH } from '../../tests/e2e/helpers/pair-device.ts';
import { fetchOrder } from '../api-client.ts';
import { newBenchContext } from '../bench-env.ts';
import { placeOrder, sleep, spacingMs, waitSeen } from '../click-to-row.ts';
import { openAppWithin as openApp } from '../open-app.ts';
import { summarize, type Summary } from '../stats.ts';

export interface TlsLatencyResult {
  otherDevice: Summary;
  /** Where the time goes, as for plain HTTP: click → the server's `receivedAt`, and from there → the row on B. */
  breakdown: { clickToServerReceived: Summary; serverReceivedToRow: Summary };
  /** Where the devices opened the app, and what the browser negotiated and verified there. */
  origin: string;
  protocol: string;
  issuer: string;
}

/** The owner's code comes over loopback HTTP (a tool's bearer token); the device redeems it from its own page,
 *  so the device cookie is set over HTTPS in that browser, exactly as the Pairing screen does it. */
async function pairOverTls(context: BrowserContext, lan: LanServer): Promise<void> {
  const created = await fetch(`${lan.server.url}/api/pairings`, {
    method: 'POST',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'counter' }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!created.ok) throw new Error(`POST /api/pairings → HTTP ${created.status}: ${await created.text()}`);
  const { code } = (await created.json()) as PairingResponse;
  const page = await context.newPage();
  try {
    // /healthz is not the app: no service worker is installed before the device holds its cookie.
    await page.goto(`${lan.httpsUrl}/healthz`);
    const status = await page.evaluate(
      (pairingCode) =>
        fetch('/api/pair', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: pairingCode, name: 'bench tls device' }),
        }).then((response) => response.status),
      code,
    );
    if (status !== 201) throw new Error(`POST /api/pair over HTTPS → HTTP ${status}`);
  } finally {
    await page.close();
  }
}

/** Opens the app over HTTPS and reads what TLS the browser negotiated for the document. */
async function openOverTls(page: Page, origin: string): Promise<{ protocol: string; issuer: string }> {
  const response = await page.goto(`${origin}/`);
  const security = await response?.securityDetails();
  if (security === null || security === undefined) throw new Error(`${origin}/ was not served over TLS`);
  await openApp(page);
  return { protocol: security.protocol ?? 'unknown', issuer: security.issuer ?? 'unknown' };
}

export async function measureTlsLatency(
  lan: LanServer,
  samples: number,
  runId: string,
): Promise<TlsLatencyResult> {
  const trusting = await createTrustingHome(lan.caPem);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(lanLaunchOptions({ home: trusting.home, name: lan.name }));
    const deviceA = await newBenchContext(browser, lan.httpsUrl);
    const deviceB = await newBenchContext(browser, lan.httpsUrl);
    await pairOverTls(deviceA, lan);
    await pairOverTls(deviceB, lan);
    const tabA = await deviceA.newPage();
    const tls = await openOverTls(tabA, lan.httpsUrl);
    const tabB = await deviceB.newPage();
    await openOverTls(tabB, lan.httpsUrl);

    // B observes from its own window, in front there; A clicks and is in front of its own.
    await tabB.bringToFront();
    await tabA.bringToFront();
    const otherDevice: number[] = [];
    const placedOrders: { id: string; clickedAt: number; seenOnB: number }[] = [];
    for (let i = 0; i < samples; i++) {
      const placed = await placeOrder(tabA, `${runId}-s${i}`);
      const seenOnB = await waitSeen(tabB, placed.id, 10_000);
      otherDevice.push(seenOnB - placed.clickedAt);
      placedOrders.push({ id: placed.id, clickedAt: placed.clickedAt, seenOnB });
      await sleep(spacingMs(i));
    }
    const toServer: number[] = [];
    const fromServer: number[] = [];
    for (const { id, clickedAt, seenOnB } of placedOrders) {
      const receivedAt = Date.parse((await fetchOrder(lan.server.url, id)).receivedAt);
      toServer.push(receivedAt - clickedAt);
      fromServer.push(seenOnB - receivedAt);
    }
    return {
      otherDevice: summarize(otherDevice),
      breakdown: { clickToServerReceived: summarize(toServer), serverReceivedToRow: summarize(fromServer) },
      origin: lan.httpsUrl,
      ...tls,
    };
  } finally {
    await browser?.close();
    await trusting.dispose();
  }
}
