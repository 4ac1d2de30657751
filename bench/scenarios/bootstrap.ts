// Bootstrap (DESIGN.md Part 2, principle 16): a new device (empty profile) opening the app, timed until the
// active orders are shown, on a server with no history and on one with 20,000 finished orders seeded in SQL.
// Each case gets its own server process over a data dir seeded before it starts (PGlite has one writer).
import { rm } from 'node:fs/promises';
import type { Browser } from '@playwright/test';
import { counter } from '../../tests/e2e/helpers/device.ts';
import { startServer } from '../../tests/e2e/helpers/server-process.ts';
import { openStore } from '../../server/store/open-store.ts';
import { newBenchContext } from '../bench-env.ts';
import { installProbe, waitColdPaint } from '../page-probe.ts';
import { pairContext } from '../../tests/e2e/helpers/pair-device.ts';
import { round } from '../stats.ts';
import { freshDataDir } from '../fresh-data-dir.ts';

export const BOOTSTRAP_ACTIVE = 10;
export const BOOTSTRAP_FINISHED = 20_000;

export interface BootstrapResult {
  /** Empty profile → the active orders shown, with no finished orders on the server. */
  emptyMs: number;
  /** The same with BOOTSTRAP_FINISHED finished orders in history. */
  historyMs: number;
  /** historyMs / emptyMs (budget ≤ 1.5). */
  growth: number;
}

const ITEMS = JSON.stringify([
  { menuItemId: 'flat-white', name: 'Flat white', qty: 1, unitPriceCents: 380, note: '' },
]);

/** Writes `finished` completed orders, then BOOTSTRAP_ACTIVE pending ones, straight into a fresh database. */
async function seed(dataDir: string, finished: number, marker: string): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const total = finished + BOOTSTRAP_ACTIVE;
    // One statement: generate_series makes every row, so seeding 20,000 orders takes a second, not minutes.
    await store.database.query(
      `INSERT INTO orders (id, number, device_id, customer_name, note, items, total_cents, status, paid,
                           created_at, received_at, updated_at, fingerprint, seq)
       SELECT '0190f0a0-0000-7000-8000-' || lpad(to_hex(i), 12, '0'), 'H-' || lpad(i::text, 5, '0'),
              '0190f0a0-0000-7000-8000-0000000000bb', $1 || '-' || i, '', $2::jsonb, 380,
              CASE WHEN i <= $3 THEN 'completed' ELSE 'pending' END, i <= $3, $4, $4, $4, md5(i::text), i
       FROM generate_series(1, $5::int) AS i`,
      [marker, ITEMS, finished, at, total],
    );
    await store.database.query('UPDATE seq_counter SET seq = $1 WHERE id = 1', [total]);
  } finally {
    await store.close();
  }
}

/**
 * Opens the app in a new, empty browser profile; ms from navigation start until the list with every active
 * order is painted, on the page's own clock (the probe's cold-start target). Polling from outside would round
 * the figure up to Playwright's polling steps, which grow to 500 ms.
 */
async function timeFirstOpen(browser: Browser, url: string): Promise<number> {
  const context = await newBenchContext(browser, url, false);
  try {
    // Before the probe reads it: the probe watches for a list of this many orders from the first navigation.
    await context.addInitScript(
      (target) => sessionStorage.setItem('bench-cold-target', String(target)),
      BOOTSTRAP_ACTIVE,
    );
    await context.addInitScript(installProbe);
    await pairContext(context, url);
    const page = await context.newPage();
    await page.bringToFront();
    const painted = await waitColdPaint(page, () => page.goto('/'), 120_000);
    // The list is virtualised: it lists every active order once its rows carry that total.
    await counter(page)
      .rows.and(page.locator(`[aria-setsize="${BOOTSTRAP_ACTIVE}"]`))
      .first()
      .waitFor({ timeout: 10_000 });
    return painted.paint;
  } finally {
    await context.close();
  }
}

async function measureCase(browser: Browser, finished: number, runId: string): Promise<number> {
  const dataDir = await freshDataDir('orderline-bootstrap-');
  try {
    await seed(dataDir, finished, `${runId}-b`);
    const server = await startServer({ dataDir });
    try {
      return await timeFirstOpen(browser, server.url);
    } finally {
      await server.dispose();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function measureBootstrap(browser: Browser, runId: string): Promise<BootstrapResult> {
  const emptyMs = await measureCase(browser, 0, runId);
  const historyMs = await measureCase(browser, BOOTSTRAP_FINISHED, runId);
  return {
    emptyMs: round(emptyMs, 1),
    historyMs: round(historyMs, 1),
    growth: round(historyMs / emptyMs, 2),
  };
}
