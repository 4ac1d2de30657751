// Cold start: N active orders already in the device's IndexedDB (created through the server, pulled by the
// app), then reload and time navigation start → the list painted with all N rows (page clock: the probe
// notes when the N-th row is in the DOM, then the first paint after it). Measured twice: with the service worker
// running (its memory may answer), and with every worker stopped first over CDP (ServiceWorker.stopAllWorkers),
// so the worker starts and reads the list from IndexedDB, as on a tablet waking from sleep.
import { openAppWithin as openApp } from '../open-app.ts';
import { inParallel, newOrderBody, postOrder, registerDevice } from '../api-client.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { median, round } from '../stats.ts';
import { waitColdPaint } from '../page-probe.ts';

export interface ColdStartResult {
  /** Median over the reloads of navigation start → painted. */
  paintedMs: number;
  reloadsMs: number[];
  /** Navigation start → N rows in the DOM (before paint), median. */
  domMs: number;
  /** Navigation start → the first row in the DOM (the app fills long lists over several frames), median. */
  firstRowMs: number;
  /** Median of navigation start → painted with the service worker stopped before each reload. */
  paintedSwStoppedMs: number;
  reloadsSwStoppedMs: number[];
}

async function waitRows(page: import('@playwright/test').Page, n: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    // The list is virtualised: its rows carry the list's total (aria-setsize).
    (target) =>
      Number(
        document
          .querySelector('ul[aria-label="Active orders"] > [data-order-id][aria-setsize]')
          ?.getAttribute('aria-setsize') ?? 0,
      ) >= target,
    n,
    { polling: 100, timeout: timeoutMs },
  );
}

export async function measureColdStart(
  env: BenchEnv,
  menuItemId: string,
  orders: number,
  reloads: number,
  runId: string,
): Promise<ColdStartResult> {
  const device = await registerDevice(env.server.url);
  const bodies = Array.from({ length: orders }, (_, i) => newOrderBody(device, menuItemId, `${runId}-c${i}`));
  await inParallel(bodies, 16, (body) => postOrder(env.server.url, body));

  const context = await newBenchDevice(env.browser, env.server.url);
  try {
    const page = await context.newPage();
    await openApp(page);
    await page.bringToFront();
    // The app pulls the active set into IndexedDB; only then is a reload a cold start "from IDB".
    await waitRows(page, orders, 60_000);
    const painted: number[] = [];
    const dom: number[] = [];
    const firstRow: number[] = [];
    const paintedStopped: number[] = [];
    const cdp = await context.newCDPSession(page);
    // The running status of every worker version, as CDP reports it.
    const running = new Map<string, string>();
    let stopsSeen = 0;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (version.runningStatus === 'stopped' && running.get(version.versionId) !== 'stopped') stopsSeen++;
        running.set(version.versionId, version.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');
    for (let r = 0; r < 2 * reloads; r++) {
      const stopWorker = r >= reloads;
      await page.evaluate((n) => sessionStorage.setItem('bench-cold-target', String(n)), orders);
      if (stopWorker) {
        const stopsBefore = stopsSeen;
        await cdp.send('ServiceWorker.stopAllWorkers');
        // The stop is asynchronous: reload once a worker was seen stopping (or none is running). The open page
        // (its leader's stream, its timers) may wake the worker again at once, so "none running" alone can
        // wait forever; either way the reload finds a worker that has lost its memory.
        const deadline = Date.now() + 5000;
        while (stopsSeen === stopsBefore && [...running.values()].some((status) => status !== 'stopped')) {
          if (Date.now() > deadline) throw new Error('the service worker did not stop within 5 s');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
      const result = await waitColdPaint(page, () => page.reload(), 30_000);
      if (stopWorker) {
        paintedStopped.push(round(result.paint));
        continue;
      }
      painted.push(round(result.paint));
      dom.push(round(result.dom));
      firstRow.push(round(result.first));
    }
    await page.evaluate(() => sessionStorage.removeItem('bench-cold-target'));
    return {
      paintedMs: round(median(painted)),
      reloadsMs: painted,
      domMs: round(median(dom)),
      firstRowMs: round(median(firstRow)),
      paintedSwStoppedMs: round(median(paintedStopped)),
      reloadsSwStoppedMs: paintedStopped,
    };
  } finally {
    await context.close();
  }
}
