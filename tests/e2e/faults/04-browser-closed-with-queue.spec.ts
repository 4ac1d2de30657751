// Fault 4: the browser is closed while orders still wait to sync, then reopened on the same profile. The
// outbox lives in IndexedDB, so the reopened app (or its worker) drains it: every order once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../helpers/chromium-args.ts';
import { counter, openApp } from '../helpers/device.ts';
import { findChromium } from '../helpers/find-chromium.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { isWrite } from './fault-proxy.ts';
import { test, expect } from './fault-fixture.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('orders queued when the browser closed are sent once after it reopens', async ({
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(30, 200);
  test.setTimeout(scale(90_000, 180_000));
  const profile = await mkdtemp(join(tmpdir(), 'orderline-f04-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      args: [...CHROMIUM_ARGS],
      serviceWorkers: 'allow',
    });
  try {
    const first = await launch();
    const page = await first.newPage();
    await openApp(page, faultProxy.url);
    // The server is unreachable (connections cut) rather than the browser offline, so the reopened
    // browser starts "online" with nothing in its own state telling it the queue is stale.
    if (!faultDisabled('04')) faultProxy.setMode('refuse');
    const tags = orderTags('f04-', n);
    await placeViaServiceWorker(
      page,
      tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
    );
    await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);
    await first.close();
    const queuedAtClose = n - (await fetchAllOrders(server.url)).length;
    expect(queuedAtClose, 'orders still queued when the browser closed').toBe(n);

    faultProxy.setMode('forward');
    const reopenedAt = Date.now();
    const second = await launch();
    try {
      const reopened = second.pages()[0] ?? (await second.newPage());
      await openApp(reopened, faultProxy.url);
      await expectConverged({
        fault: '04',
        title: 'browser closed with queue, reopened',
        origin: server.url,
        pages: [reopened],
        placedTags: tags,
        prefix: 'f04-',
        timeoutMs: 30_000,
        // What the reopened browser did: send the keys the closed one queued (read once it has converged).
        evidence: async () => ({
          queuedAtClose,
          queuedKeysSentAfterReopen: new Set(
            faultProxy.log
              .filter((r) => isWrite(r) && r.at >= reopenedAt && r.outcome === 'forwarded')
              .flatMap((r) => r.keys),
          ).size,
        }),
      });
    } finally {
      await second.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
