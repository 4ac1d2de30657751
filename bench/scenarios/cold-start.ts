// Cold start: N active orders already in the device's IndexedDB (created through the server, pulled by the
// app), then reload and time navigation start → the list painted with all N rows (page clock: the probe
// notes when the N-th row is in the DOM, then the first paint after it).
import { openAppWithin as openApp } from '../open-app.ts';
import { inParallel, newOrderBody, postOrder, registerDevice } from '../api-client.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { median, round } from '../stats.ts';

export interface ColdStartResult {
  /** Median over the reloads of navigation start → painted. */
  paintedMs: number;
  reloadsMs: number[];
  /** Navigation start → N rows in the DOM (before paint), median. */
  domMs: number;
  /** Navigation start → the first row in the DOM (the app fills long lists over several frames), median. */
  firstRowMs: number;
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
    for (let r = 0; r < reloads; r++) {
      await page.evaluate((n) => sessionStorage.setItem('bench-cold-target', String(n)), orders);
      await page.reload();
      const handle = await page.waitForFunction(
        () => {
          const state = window.__bench;
          return state?.coldPaintMs != null
            ? { paint: state.coldPaintMs, dom: state.coldDomMs ?? NaN, first: state.coldFirstRowMs ?? NaN }
            : null;
        },
        undefined,
        { polling: 50, timeout: 30_000 },
      );
      const result = (await handle.jsonValue()) as { paint: number; dom: number; first: number };
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
    };
  } finally {
    await context.close();
  }
}
