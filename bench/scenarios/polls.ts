// Poll counts, by the server's own request counter (/metrics): requests to GET /api/orders/changes and
// GET /api/orders over an idle window, first with push up, then with /api/events made unreachable by the
// bench proxy (the browser's network is untouched). One device, one tab; nothing else is connected.
import { counter } from '../../tests/e2e/helpers/device.ts';
import { openAppWithin as openApp } from '../open-app.ts';
import { metricsText } from '../api-client.ts';
import { newBenchDevice, type BenchEnv } from '../bench-env.ts';
import { pollRequests } from '../metrics.ts';

export interface PollsResult {
  perMinPushUp: number;
  perMinPushDown: number;
  /** The same windows counted at the proxy, as a cross-check of the server's counter. */
  proxyPerMinPushUp: number;
  proxyPerMinPushDown: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function pollCount(baseUrl: string): Promise<number> {
  const counts = pollRequests(await metricsText(baseUrl));
  return counts.changes + counts['active-list'];
}

export async function measurePolls(env: BenchEnv, windowMs: number): Promise<PollsResult> {
  const context = await newBenchDevice(env.browser, env.appProxy.origin);
  try {
    const page = await context.newPage();
    await openApp(page);
    await page.bringToFront();
    await counter(page).syncStatus.getByText('Online').waitFor({ timeout: 30_000 });
    // Let start-up pulls (SW start, stream open) finish: they are not idle polling.
    await sleep(3_000);

    const window = async (): Promise<{ server: number; proxy: number }> => {
      const before = await pollCount(env.server.url);
      const logStart = env.appProxy.log.length;
      await sleep(windowMs);
      const after = await pollCount(env.server.url);
      const proxy = env.appProxy.log
        .slice(logStart)
        .filter(
          (e) => e.method === 'GET' && (e.path === '/api/orders/changes' || e.path === '/api/orders'),
        ).length;
      const perMin = 60_000 / windowMs;
      return { server: (after - before) * perMin, proxy: proxy * perMin };
    };

    const up = await window();
    env.appProxy.setRefuseEvents(true);
    // The first pull after the stream dies is the reconnect catch-up, not the steady poll rate.
    await sleep(2_000);
    const down = await window();
    env.appProxy.setRefuseEvents(false);
    return {
      perMinPushUp: Math.round(up.server * 10) / 10,
      perMinPushDown: Math.round(down.server * 10) / 10,
      proxyPerMinPushUp: Math.round(up.proxy * 10) / 10,
      proxyPerMinPushDown: Math.round(down.proxy * 10) / 10,
    };
  } finally {
    await context.close();
  }
}
