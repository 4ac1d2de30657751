// Recovery: the server stops while a device (two tabs) has orders queued; it starts again on the same data
// dir and port. Time from the server answering /healthz again → outbox empty and every tab consistent
// (Sync status says "All changes saved" and no row says "Waiting to sync").
import type { MenuItem } from '../../protocol/api.ts';
import { counter } from '../../tests/e2e/helpers/device.ts';
import { openAppWithin as openApp } from '../open-app.ts';
import { activeOrders } from '../api-client.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { round } from '../stats.ts';
import { createOrders } from '../sw-requests.ts';
import { draftFor } from './drain.ts';

export interface RecoveryResult {
  ms: number;
  outageMs: number;
  queued: number;
  missingOnServer: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls /healthz every 10 ms and resolves with the first moment it answers (bench clock). */
async function firstHealthy(baseUrl: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return performance.now();
    } catch {
      // Refused while the server boots: that is what we are waiting out.
    }
    await sleep(10);
  }
  throw new Error(`server did not answer /healthz within ${timeoutMs} ms`);
}

function isConsistent(page: import('@playwright/test').Page): Promise<boolean> {
  return page.evaluate(() => {
    const status = document.querySelector('[role="status"][aria-label="Sync status"]')?.textContent ?? '';
    return status.includes('All changes saved') && !document.body.innerText.includes('Waiting to sync');
  });
}

export async function measureRecovery(
  env: BenchEnv,
  item: MenuItem,
  orders: number,
  outageMs: number,
  runId: string,
): Promise<RecoveryResult> {
  const context = await newBenchDevice(env.browser, env.server.url);
  try {
    const tab1 = await context.newPage();
    await openApp(tab1);
    const tab2 = await context.newPage();
    await openApp(tab2);
    await tab1.bringToFront();
    await counter(tab1).syncStatus.getByText('All changes saved').waitFor({ timeout: 30_000 });

    await env.server.stop();
    const outageStart = performance.now();
    const placed = await createOrders(
      tab1,
      Array.from({ length: orders }, (_, i) => draftFor(item, `${runId}-r${i}`)),
    );
    for (const tab of [tab1, tab2]) {
      await counter(tab).syncStatus.getByText(`${orders} waiting to sync`).waitFor({ timeout: 30_000 });
    }
    // Let the outbox back off for a realistic outage before the server returns.
    await sleep(Math.max(0, outageMs - (performance.now() - outageStart)));

    const healthy = firstHealthy(env.server.url, 60_000);
    await env.server.start();
    const back = await healthy;
    const deadline = back + 60_000;
    let done = NaN;
    while (performance.now() < deadline) {
      const [a, b] = await Promise.all([isConsistent(tab1), isConsistent(tab2)]);
      if (a && b) {
        done = performance.now();
        break;
      }
      await sleep(20);
    }
    if (Number.isNaN(done))
      throw new Error('tabs still showed Waiting to sync 60 s after the server came back');
    const onServer = new Set((await activeOrders(env.server.url)).map((order) => order.id));
    return {
      ms: round(done - back, 1),
      outageMs: round(back - outageStart, 0),
      queued: placed.length,
      missingOnServer: placed.filter((order) => !onServer.has(order.id)).length,
    };
  } finally {
    await context.close();
    // Whatever happened, the next measures need the server up.
    if (!env.server.running) await env.server.start();
  }
}
