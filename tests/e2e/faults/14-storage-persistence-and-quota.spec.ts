// Fault 14: device storage. The app must ask for persistent storage (so the browser does not evict unsent
// orders), and when IndexedDB fails (quota exhausted) the user must see it rather than lose orders silently.
// NOT COVERED end to end: no way found to make the installed worker's IndexedDB writes fail in Chromium (the
// CDP quota override does not bite once the worker exists). The quota test then skips and records evidence
// 0; the message path (a failed IDB open/commit → storageError on every tab) is covered by
// tests/unit/sw/sync-status.test.ts.
import type { CDPSession } from '@playwright/test';
import { counter, openApp, placeOrder } from '../helpers/device.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { faultDisabled, recordResult, tallyOrders } from './fault-results.ts';
import { fetchAllOrders } from '../helpers/api.ts';

test('the app requests persistent storage', async ({ context, faultProxy }) => {
  // Observation only: count calls, then call the real method.
  await context.addInitScript(() => {
    const proto = StorageManager.prototype;
    const persist = proto.persist;
    (window as unknown as { __persistCalls: number }).__persistCalls = 0;
    proto.persist = function (this: StorageManager) {
      (window as unknown as { __persistCalls: number }).__persistCalls += 1;
      return persist.call(this);
    };
  });
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  await expect
    .poll(() =>
      page.evaluate(
        async () =>
          (window as unknown as { __persistCalls: number }).__persistCalls > 0 ||
          navigator.storage.persisted(),
      ),
    )
    .toBe(true);
});

test('an exhausted storage quota is shown to the user and nothing accepted is lost', async ({
  context,
  server,
  faultProxy,
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page, faultProxy.url);
  const screen = counter(page);
  await placeOrder(page, { customerName: 'f14-before' });
  await expect(screen.syncStatus).toContainText('All changes saved', { timeout: 15_000 });

  // Shrink this origin's quota to one byte: every IndexedDB commit that grows storage fails (QuotaExceeded).
  const cdp: CDPSession = await context.newCDPSession(page);
  if (!faultDisabled('14'))
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: faultProxy.origin, quotaSize: 1 });
  // Prove the fault is in place with writes of our own (a separate database, never the app's): up to 8 MiB
  // in 256 KiB commits, stopping at the first that fails.
  const probeWriteFailed = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase | null>((resolve) => {
      const open = indexedDB.open('orderline-fault-probe', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('probe');
      open.onerror = () => resolve(null);
      open.onsuccess = () => resolve(open.result);
    });
    if (!db) return true;
    for (let i = 0; i < 32; i++) {
      const failed = await new Promise<boolean>((resolve) => {
        const tx = db.transaction('probe', 'readwrite');
        tx.objectStore('probe').put('x'.repeat(256 * 1024), i);
        tx.oncomplete = () => resolve(false);
        tx.onabort = () => resolve(true);
        tx.onerror = () => resolve(true);
      });
      if (failed) return true;
    }
    db.close();
    return false;
  });
  if (!probeWriteFailed) {
    // Observed with Chromium 14x: once the app's worker and caches exist, the override no longer bites
    // (a bare page on the same kind of origin does get QuotaExceededError). Say so instead of passing.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: faultProxy.origin });
    const tally = tallyOrders(['f14-before'], await fetchAllOrders(server.url), 'f14-');
    recordResult(
      '14',
      'storage quota exhausted (IDB write fails)',
      tally,
      false,
      { quotaWriteFailures: 0 },
      {
        covered: 'no: see tests/unit/sw/sync-status.test.ts for the message path',
      },
    );
    test.skip(
      true,
      'NOT COVERED: CDP Storage.overrideQuotaForOrigin did not make IndexedDB writes fail for this origin',
    );
  }
  await page.getByRole('button', { name: /^Add / }).first().click();
  await screen.customerName.fill('f14-during');
  await screen.placeOrder.click();
  const shownToUser = page.getByText(/storage|quota|space/i).first();
  const storageErrorShown = await shownToUser.waitFor({ state: 'visible', timeout: 10_000 }).then(
    () => true,
    () => false, // not shown in time: recorded below and asserted at the end
  );
  // Give the origin its quota back so the rest of the check can run.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: faultProxy.origin });
  await cdp.detach();
  // An order the device showed as placed must sync; one it refused must not appear as if saved.
  const acceptedDuring = (await screen.row('f14-during').count()) > 0;
  await placeOrder(page, { customerName: 'f14-after' });
  await expectConverged({
    fault: '14',
    title: 'storage quota exhausted (IDB write fails)',
    origin: server.url,
    pages: [page],
    placedTags: ['f14-before', ...(acceptedDuring ? ['f14-during'] : []), 'f14-after'],
    prefix: 'f14-',
    timeoutMs: 30_000,
    evidence: { quotaWriteFailures: probeWriteFailed ? 1 : 0 },
    extra: { storageErrorShown, acceptedDuring },
  });
  expect(storageErrorShown, 'a failed IndexedDB write is shown to the user').toBe(true);
});
