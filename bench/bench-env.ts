// What every measure runs against: the real server (child process, fresh data dir, HTTPS on for the LAN name
// orderline.test with its own local CA), the bench's proxies (the app through a proxy that can cut push; the
// baseline page on its own origin) and one real Chromium.
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../tests/e2e/helpers/chromium-args.ts';
import { findChromium } from '../tests/e2e/helpers/find-chromium.ts';
import { pairContext } from '../tests/e2e/helpers/pair-device.ts';
import { startLanServer, type LanServer } from '../tests/e2e/helpers/lan-browser.ts';
import type { ServerProcess } from '../tests/e2e/helpers/server-process.ts';
import { startBenchProxy, type BenchProxy } from './bench-proxy.ts';
import { installProbe } from './page-probe.ts';

export interface BenchEnv {
  server: ServerProcess;
  /** The same server's HTTPS side: its port, `https://orderline.test:<port>` and its local CA (PEM). */
  lan: LanServer;
  browser: Browser;
  chromiumVersion: string;
  /** The app through the bench proxy (same server; the proxy can make /api/events unreachable). */
  appProxy: BenchProxy;
  /** The baseline client's origin: serves bench/baseline and forwards /api to the server. */
  baselineProxy: BenchProxy;
  close(): Promise<void>;
}

const baselineFile = (name: string) => fileURLToPath(new URL(`./baseline/${name}`, import.meta.url));

export async function startBenchEnv(): Promise<BenchEnv> {
  // The fan-out measure opens 200 streams with one owner credential: the per-device cap (8) exists to stop one
  // runaway client, and here it would only refuse the measurement. The per-server cap stays as configured.
  // HTTPS on a known port and the LAN name in its certificate, so the TLS measure runs against this same
  // server and compares with the plain HTTP one under the same load.
  const lan = await startLanServer({ env: { ORDERLINE_MAX_STREAMS_PER_DEVICE: '1000' } });
  const server = lan.server;
  const opened: { close(): Promise<void> }[] = [];
  try {
    const appProxy = await startBenchProxy({ upstreamPort: server.port });
    opened.push(appProxy);
    const baselineProxy = await startBenchProxy({
      upstreamPort: server.port,
      files: {
        '/': { file: baselineFile('index.html'), type: 'text/html; charset=utf-8' },
        '/baseline.js': { file: baselineFile('baseline.js'), type: 'text/javascript; charset=utf-8' },
      },
    });
    opened.push(baselineProxy);
    // Playwright adds --headless itself; the rest are the flags that work on these machines.
    const args = CHROMIUM_ARGS.filter((arg) => arg !== '--headless');
    const browser = await chromium.launch({ executablePath: findChromium(), args, headless: true });
    return {
      server,
      lan,
      browser,
      chromiumVersion: browser.version(),
      appProxy,
      baselineProxy,
      async close() {
        await browser.close();
        for (const item of opened.reverse()) await item.close();
        await server.dispose();
      },
    };
  } catch (error) {
    for (const item of opened.reverse()) await item.close();
    await server.dispose();
    throw error;
  }
}

/**
 * A device: its own context (SW, IndexedDB, leader tab), paired as a counter through `baseUrl` (the baseline
 * client too: its polls need the device cookie like any browser's), by default with the bench probe in every page.
 * The heap measure goes without: the probe keeps a record per row, which would read as the app leaking.
 */
export async function newBenchDevice(
  browser: Browser,
  baseUrl: string,
  probe = true,
): Promise<BrowserContext> {
  const context = await newBenchContext(browser, baseUrl, probe);
  await pairContext(context, baseUrl);
  return context;
}

/** A device's context before pairing: its own profile with service workers, and the probe unless told not to. */
export async function newBenchContext(
  browser: Browser,
  baseUrl: string,
  probe = true,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, serviceWorkers: 'allow' });
  // tsx (esbuild keepNames) wraps named functions in `__name(...)`; functions Playwright serialises into the
  // page carry those calls, so the page needs the identity helper first.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  if (probe) await context.addInitScript(installProbe);
  return context;
}
