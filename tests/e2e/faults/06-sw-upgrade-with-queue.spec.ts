// Fault 6: a new app version whose service worker upgrades the IndexedDB schema is activated while orders
// still wait to sync. The old worker must hand the database over; the queue survives and drains once.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fetchAllOrders } from '../helpers/api.ts';
import { counter, openApp, waitForServiceWorkerControl } from '../helpers/device.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite } from './fault-proxy.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';
import { buildNextVersion } from './next-version-build.ts';

test('a schema-upgrading SW version activated with a non-empty queue keeps and drains it', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(20, 100);
  test.setTimeout(scale(150_000, 240_000));
  const next = await buildNextVersion();
  try {
    const page = await context.newPage();
    await openApp(page, faultProxy.url);

    // Writes fail (503, retryable) so the queue stays full across the upgrade; reads still work, which
    // is how the browser finds the new worker.
    const dbVersion = () =>
      page.evaluate(
        async () => (await indexedDB.databases()).find((db) => db.name === 'orderline')?.version ?? 0,
      );
    const dbVersionBefore = await dbVersion();
    if (!faultDisabled('06'))
      faultProxy.injectErrorWhen((req) =>
        isWrite(req) ? { status: 503, code: 'unavailable', message: 'Down for maintenance' } : null,
      );
    const tags = orderTags('f06-', n);
    await placeViaServiceWorker(
      page,
      tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
    );
    await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);

    // Deploy the next version and let the page find it.
    await server.restart({ distDir: next.distDir });
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await expect(page.getByText('A new version is available')).toBeVisible({ timeout: 30_000 });
    // Reload activates the waiting worker, which then reloads the page once it controls it.
    // The old worker is draining the queue when Reload is pressed: it lets go of its open events first
    // (sw/keep-alive.ts), so activation can take longer than the default 10 s on a loaded machine.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await reloaded;
    await waitForServiceWorkerControl(page);
    await expect
      .poll(() =>
        page.evaluate(
          async () => (await indexedDB.databases()).find((db) => db.name === 'orderline')?.version,
        ),
      )
      .toBe(next.dbVersion);
    await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);
    const queuedAtUpgrade = n - (await fetchAllOrders(server.url)).length;

    faultProxy.injectErrorWhen(null);
    await expectConverged({
      fault: '06',
      title: 'SW upgrade (IDB schema bump) with queue',
      origin: server.url,
      pages: [page],
      placedTags: tags,
      prefix: 'f06-',
      timeoutMs: 45_000,
      evidence: {
        queuedAtUpgrade,
        schemaUpgrades: (await dbVersion()) > dbVersionBefore ? 1 : 0,
        writesRefused: faultProxy.log.filter((r) => r.outcome === 'injected').length,
      },
      extra: { dbVersionBefore, dbVersionAfter: next.dbVersion },
    });
  } finally {
    await rm(dirname(next.distDir), { recursive: true, force: true });
  }
});
