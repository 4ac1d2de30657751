// Leak check: the tab's JS heap (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage) after the first
// K orders were created and completed through the app, and again after N. Orders go through the real path
// (SW intents → IndexedDB → outbox → server → broadcast → render), in batches, completed right after.
import type { MenuItem } from '../../protocol/api.ts';
import { counter } from '../../tests/e2e/helpers/device.ts';
import { openAppWithin as openApp } from '../open-app.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { round } from '../stats.ts';
import { createOrders, setStatuses } from '../sw-requests.ts';
import { draftFor } from './drain.ts';

export interface HeapResult {
  ratio: number;
  firstBytes: number;
  totalBytes: number;
}

const BATCH = 100;

export async function measureHeap(
  env: BenchEnv,
  item: MenuItem,
  first: number,
  total: number,
  runId: string,
): Promise<HeapResult> {
  const context = await newBenchDevice(env.browser, env.server.url, false);
  try {
    const page = await context.newPage();
    await openApp(page);
    await page.bringToFront();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const heapAfterSettling = async (): Promise<number> => {
      await counter(page).syncStatus.getByText('All changes saved').waitFor({ timeout: 300_000 });
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    };

    let made = 0;
    const runUntil = async (target: number) => {
      while (made < target) {
        const size = Math.min(BATCH, target - made);
        const drafts = Array.from({ length: size }, (_, i) => draftFor(item, `${runId}-h${made + i}`));
        const created = await createOrders(page, drafts);
        await setStatuses(
          page,
          created.map((order) => order.id),
          'completed',
        );
        made += size;
      }
    };
    await runUntil(first);
    const firstBytes = await heapAfterSettling();
    await runUntil(total);
    const totalBytes = await heapAfterSettling();
    await cdp.detach();
    return { ratio: round(totalBytes / firstBytes, 3), firstBytes, totalBytes };
  } finally {
    await context.close();
  }
}
