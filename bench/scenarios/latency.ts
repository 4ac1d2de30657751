// Click "Place order" → row in the DOM, on the page's own clocks (bench/page-probe.ts): same tab, another tab
// of the device, another device (second context, via server + SSE), the baseline client (3 s polling,
// same clicks, same run) and the same tab while the device is offline. The observing tab is in front.
import type { BrowserContext, Page } from '@playwright/test';
import { counter } from '../../tests/e2e/helpers/device.ts';
import { openAppWithin as openApp } from '../open-app.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { diagnostics } from '../sw-requests.ts';
import { fetchOrder } from '../api-client.ts';
import { summarize, type Summary } from '../stats.ts';
import { placeOrder, placeOrderWithOptions, sleep, spacingMs, waitSeen } from '../click-to-row.ts';

export interface LatencyResult {
  sameTab: Summary;
  /** The same tab, orders carrying option lines (#21: a create with options is no slower to show). */
  sameTabOptions: Summary;
  otherTab: Summary;
  otherDevice: Summary;
  offline: Summary;
  baselineOtherDevice: Summary;
  /** Polls the baseline client made per minute while it ran (its requests through its proxy). */
  baselinePollsPerMin: number;
  cacheHitRatio: number;
  cacheReads: number;
  otherDeviceBreakdown: { clickToServerReceived: Summary; serverReceivedToRow: Summary };
}

async function waitAllSaved(page: Page): Promise<void> {
  await counter(page).syncStatus.getByText('All changes saved').waitFor({ timeout: 30_000 });
}

export async function measureLatency(env: BenchEnv, samples: number, runId: string): Promise<LatencyResult> {
  const url = env.server.url;
  const contexts: BrowserContext[] = [];
  try {
    const deviceA = await newBenchDevice(env.browser, url);
    const deviceB = await newBenchDevice(env.browser, url);
    const baseline = await newBenchDevice(env.browser, env.baselineProxy.origin);
    contexts.push(deviceA, deviceB, baseline);
    const tabA1 = await deviceA.newPage();
    await openApp(tabA1);
    const tabA2 = await deviceA.newPage();
    await openApp(tabA2);
    const tabB = await deviceB.newPage();
    await openApp(tabB);
    const basePage = await baseline.newPage();
    const baselineLogStart = env.baselineProxy.log.length;
    await basePage.goto('/');

    // Other device and baseline observe from their own windows, in front there; tab A1 clicks and observes.
    await tabB.bringToFront();
    await basePage.bringToFront();
    await tabA1.bringToFront();
    const sameTab: number[] = [];
    const otherDevice: number[] = [];
    const baselineIds: { id: string; clickedAt: number; seenOnB: number }[] = [];
    for (let i = 0; i < samples; i++) {
      const placed = await placeOrder(tabA1, `${runId}-l${i}`);
      sameTab.push(placed.seenAt - placed.clickedAt);
      const seenOnB = await waitSeen(tabB, placed.id, 10_000);
      otherDevice.push(seenOnB - placed.clickedAt);
      baselineIds.push({ id: placed.id, clickedAt: placed.clickedAt, seenOnB });
      await sleep(spacingMs(i));
    }
    // Where the other-device time goes: click → the server's receipt (its `receivedAt`, ms), and from there
    // → the row on device B. Both clocks are this machine's wall clock.
    const toServer: number[] = [];
    const fromServer: number[] = [];
    for (const { id, clickedAt, seenOnB } of baselineIds) {
      const order = await fetchOrder(url, id);
      const receivedAt = Date.parse(order.receivedAt);
      toServer.push(receivedAt - clickedAt);
      fromServer.push(seenOnB - receivedAt);
    }
    const baselineLatency: number[] = [];
    for (const { id, clickedAt } of baselineIds)
      baselineLatency.push((await waitSeen(basePage, id, 10_000)) - clickedAt);
    // Rate over the intervals between the polls seen, so a short run is not skewed by the first poll.
    const polls = env.baselineProxy.log
      .slice(baselineLogStart)
      .filter((entry) => entry.method === 'GET' && entry.path === '/api/orders');
    const first = polls[0]?.at ?? NaN;
    const last = polls[polls.length - 1]?.at ?? NaN;
    const baselinePollsPerMin = polls.length < 2 ? NaN : ((polls.length - 1) / (last - first)) * 60_000;
    await baseline.close();

    // Orders with option lines, the same tab in front (#21).
    await tabA1.bringToFront();
    const sameTabOptions: number[] = [];
    for (let i = 0; i < samples; i++) {
      const placed = await placeOrderWithOptions(tabA1, `${runId}-p${i}`);
      sameTabOptions.push(placed.seenAt - placed.clickedAt);
      await sleep(spacingMs(i));
    }

    // Another tab of the same device observes, in front; tab A1 clicks from behind it.
    await tabA2.bringToFront();
    const otherTab: number[] = [];
    for (let i = 0; i < samples; i++) {
      const placed = await placeOrder(tabA1, `${runId}-t${i}`);
      otherTab.push((await waitSeen(tabA2, placed.id, 10_000)) - placed.clickedAt);
      await sleep(spacingMs(i));
    }

    // The device offline: the row must still appear in the same frame, from the SW and IndexedDB alone.
    await tabA1.bringToFront();
    await waitAllSaved(tabA1);
    await deviceA.setOffline(true);
    const offline: number[] = [];
    for (let i = 0; i < samples; i++) {
      const placed = await placeOrder(tabA1, `${runId}-o${i}`);
      offline.push(placed.seenAt - placed.clickedAt);
      await sleep(spacingMs(i));
    }
    await deviceA.setOffline(false);
    await waitAllSaved(tabA1);

    const diag = await diagnostics(tabA1);
    const reads = diag.cacheHits + diag.cacheMisses;
    return {
      sameTab: summarize(sameTab),
      sameTabOptions: summarize(sameTabOptions),
      otherTab: summarize(otherTab),
      otherDevice: summarize(otherDevice),
      offline: summarize(offline),
      baselineOtherDevice: summarize(baselineLatency),
      baselinePollsPerMin: Math.round(baselinePollsPerMin * 10) / 10,
      cacheHitRatio: reads === 0 ? NaN : diag.cacheHits / reads,
      cacheReads: reads,
      otherDeviceBreakdown: {
        clickToServerReceived: summarize(toServer),
        serverReceivedToRow: summarize(fromServer),
      },
    };
  } finally {
    for (const context of contexts) await context.close();
  }
}
