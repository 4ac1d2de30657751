// Issue #5: a new service worker build installed while orders are queued prompts "A new version is available";
// Reload switches to it and nothing queued is lost or duplicated. Issue #26: the app finds the update itself
// (the server restarting is how a release is deployed), Reload works while the old worker waits on a slow
// server (Chromium activates the new version only once the old one has no open event), and the worker that
// controls the page afterwards answers the new build's version.
import { countIds, fetchAllOrders } from './helpers/api.ts';
import { counter, newDevice, openApp, placeOrder, waitForFirstSnapshot } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { makeSecondBuild } from './helpers/second-build.ts';
import { startServer } from './helpers/server-process.ts';
import { isWrite, startFaultProxy } from './faults/fault-proxy.ts';

test('a new version installed while orders are queued reloads without losing them', async ({
  browser,
  uniqueName,
}) => {
  // Two server boots plus a backoff of up to 30 s: more than the default budget.
  test.setTimeout(300_000);
  // Its own server: this test restarts it on the same port and data dir serving another build.
  // PGlite's first start takes long on a loaded 2-core machine (the fault fixture gives it the same budget).
  const server = await startServer({ healthTimeoutMs: 120_000 });
  const nextBuild = await makeSecondBuild();
  const context = await newDevice(browser, server.url);
  // The device reaches the server only through the fault proxy, which holds the writes back from outside the
  // browser (the server restarts on the same port, so the proxy keeps pointing at it).
  const proxy = await startFaultProxy(server.port);
  try {
    const page = await context.newPage();
    await openApp(page, proxy.url);
    const screen = counter(page);

    // Hold the writes back (answered 503, retryable) so they are still queued while the new version installs
    // and takes over; everything else, sw.js included, reaches the server.
    proxy.injectErrorWhen((req) =>
      isWrite(req) ? { status: 503, code: 'unavailable', message: 'Down for maintenance' } : null,
    );
    const names = [uniqueName('Before update one'), uniqueName('Before update two')];
    const ids: string[] = [];
    for (const name of names) {
      ids.push((await placeOrder(page, { customerName: name })).id);
      await expect(screen.row(name)).toContainText('Waiting to sync');
    }
    await expect(screen.syncStatus).toContainText('2 waiting to sync');

    const versionOfController = () =>
      page.evaluate(async () => {
        if (navigator.serviceWorker.controller === null) return null;
        const response = await fetch('/sw-version', { cache: 'no-store' });
        return ((await response.json()) as { version: string }).version;
      });
    const versionBefore = await versionOfController();
    expect(versionBefore, 'the worker answers its version').toMatch(/^orderline-sw@/);
    expect(nextBuild.swVersion).not.toBe(versionBefore);

    // The release: the server restarts serving the next build. No registration.update() from the test: the
    // app checks when its push stream reconnects.
    await server.restart({ distDir: nextBuild.dir });
    const prompt = page.getByText('A new version is available');
    await expect(prompt).toBeVisible({ timeout: 30_000 });

    // A slow server: every request now takes 20 s, so the old worker's next pull (the leader ticks every 5 s)
    // holds an event open when Reload is pressed. Reload must still switch versions promptly.
    proxy.setLatency(20_000);
    await expect
      .poll(() => proxy.pending(), { message: 'a request of the old worker is held', timeout: 15_000 })
      .toBeGreaterThan(0);
    const reloaded = page.waitForEvent('load', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await reloaded;
    proxy.setLatency(0);
    await waitForFirstSnapshot(page);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.waiting === null && navigator.serviceWorker.controller !== null;
        }),
      )
      .toBe(true);
    await expect(prompt).toHaveCount(0);
    expect(await versionOfController(), 'the controlling worker is the new build').toBe(nextBuild.swVersion);

    for (const name of names) await expect(screen.row(name)).toContainText('Waiting to sync');
    await expect(screen.syncStatus).toContainText('2 waiting to sync');

    expect(proxy.log.filter((r) => r.outcome === 'injected').length, 'writes held back').toBeGreaterThan(0);
    proxy.injectErrorWhen(null);
    // The held creates failed several times, so the next attempt may wait out the backoff (capped at 30 s).
    await expect(screen.syncStatus).toContainText('All changes saved', { timeout: 35_000 });
    const all = await fetchAllOrders(server.url);
    const counts = countIds(all);
    for (const id of ids) expect(counts.get(id), `order ${id} on the server`).toBe(1);
    for (const name of names) expect(all.filter((order) => order.customerName === name)).toHaveLength(1);
  } finally {
    await context.close();
    await proxy.close();
    await server.dispose();
    await nextBuild.cleanup();
  }
});
