// A reload after the browser stopped the worker (a tablet waking from sleep): the page reads its first snapshot
// from IndexedDB itself (src/local-snapshot.ts), the active list from one record (sw/active-list-keeper.ts).
// Every active order must be there, not just the rows on screen, with the right count; and a change made just
// before the stop, which the record may not hold yet, must show as made.
import type { Page } from '@playwright/test';
import {
  fetchMenuItems,
  inParallel,
  newOrderBody,
  postOrder,
  registerDevice,
} from '../../bench/api-client.ts';
import { STATIC_IMPORT } from '../../bench/scenarios/bundle.ts';
import { fetchActiveOrders } from './helpers/api.ts';
import { stopAllServiceWorkers } from './helpers/cdp.ts';
import { counter, placeOrder, scrollToRow, waitForFirstSnapshot } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';

const SEEDED = 300;

/** Whether the `active-list` record stands for the current list (read like the page reads it). */
function recordState(page: Page): Promise<'fresh' | 'stale' | 'none'> {
  return page.evaluate(
    () =>
      new Promise<'fresh' | 'stale' | 'none'>((resolve, reject) => {
        const open = indexedDB.open('orderline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['meta', 'active-list']);
          const record = tx.objectStore('active-list').get('active');
          const ordersRev = tx.objectStore('meta').get('ordersRev');
          tx.oncomplete = () => {
            db.close();
            const value = record.result as { rev: number } | undefined;
            if (value === undefined) resolve('none');
            else resolve(value.rev >= (ordersRev.result as number) ? 'fresh' : 'stale');
          };
        };
      }),
  );
}

async function reloadStopped(page: Page): Promise<void> {
  await stopAllServiceWorkers(page);
  await page.reload();
  await waitForFirstSnapshot(page);
}

test('a reload with the worker stopped shows every active order and its count, and a change made just before', async ({
  app,
  server,
  uniqueName,
}) => {
  test.setTimeout(180_000);
  const device = await registerDevice(server.url);
  const [item] = await fetchMenuItems(server.url);
  const prefix = uniqueName('Cold');
  const bodies = Array.from({ length: SEEDED }, (_, i) => newOrderBody(device, item!.id, `${prefix}-${i}-`));
  await inParallel(bodies, 8, (body) => postOrder(server.url, body));
  const screen = counter(app);
  const count = app.locator('#active-orders-heading .count');
  const total = (await fetchActiveOrders(server.url)).length;
  await expect(count).toHaveText(String(total), { timeout: 60_000 });

  // The record caught up with the list: this reload reads the list from it.
  await expect.poll(() => recordState(app), { timeout: 15_000 }).toBe('fresh');
  await reloadStopped(app);
  await expect(count).toHaveText(String(total));
  await expect(screen.rows.first()).toHaveAttribute('aria-setsize', String(total));
  // The oldest seeded order is far below the first screen: it is in the list, not only its first rows.
  await expect(await scrollToRow(app, `${prefix}-0-`)).toBeVisible();

  // Changes the record may not hold yet (the keeper writes a moment later): the worker is stopped right away.
  const newest = `${prefix}-${SEEDED - 1}-`;
  const added = uniqueName('ColdAdded');
  await scrollToRow(app, newest);
  await screen.row(newest).getByRole('button', { name: 'Start preparing' }).click();
  await expect(screen.row(newest)).toContainText('Preparing');
  await placeOrder(app, { customerName: added });
  await stopAllServiceWorkers(app);
  test
    .info()
    .annotations.push({ type: 'active-list record before the reload', description: await recordState(app) });
  await app.reload();
  await waitForFirstSnapshot(app);
  await expect(count).toHaveText(String(total + 1));
  await expect(screen.row(added)).toHaveCount(1);
  await expect(await scrollToRow(app, newest)).toContainText('Preparing');
  await expect(await scrollToRow(app, `${prefix}-0-`)).toBeVisible();
});

test('a start with the worker stopped takes the shell and scripts from the cache without waking it, and works', async ({
  app,
  uniqueName,
}) => {
  await waitForFirstSnapshot(app);
  // The active version copied its shell for the start routes when it activated (sw/start-routes.ts).
  await expect
    .poll(() => app.evaluate(async () => (await caches.open('orderline-start')).keys().then((k) => k.length)))
    .toBe(3);
  await stopAllServiceWorkers(app);
  await app.reload();
  await waitForFirstSnapshot(app);
  const navigation = await app.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {
      workerMatchedSourceType?: string;
    };
    return { source: entry.workerMatchedSourceType, workerStart: entry.workerStart };
  });
  // Answered by the static route: no fetch handler, so no worker start on the navigation's timeline.
  expect(navigation).toEqual({ source: 'cache', workerStart: 0 });
  // The hashed scripts too, whether or not the browser started the worker meanwhile.
  const scripts = await app.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.startsWith('/assets/'))
      .map(
        (entry) =>
          (entry as PerformanceResourceTiming & { workerFinalSourceType?: string }).workerFinalSourceType,
      ),
  );
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set(['cache']));
  // The counter's start code is the entry's one file (vite.config.ts `codeSplitting`): it imports no other chunk
  // statically, so nothing waits for the entry to be fetched and parsed before its own fetch can begin.
  const entrySource = await app.evaluate(async () => {
    const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]');
    if (entry === null) throw new Error('the shell has no module script');
    return (await fetch(entry.src)).text();
  });
  expect(entrySource.length).toBeGreaterThan(0);
  expect([...entrySource.matchAll(STATIC_IMPORT)].map((match) => match[1])).toEqual([]);
  expect(await app.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // The worker wakes for the page's first intent, as after any start.
  const name = uniqueName('AfterStaticStart');
  await placeOrder(app, { customerName: name });
  await expect(counter(app).row(name)).toContainText('Pending');
});
