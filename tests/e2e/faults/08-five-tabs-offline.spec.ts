// Fault 8: five tabs of one device place orders while offline and come online at once. One service worker
// owns the outbox, so there is one flusher: each order is sent once and created once.
import type { Page } from '@playwright/test';
import { counter, openApp, placeOrder } from '../helpers/device.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite } from './fault-proxy.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('five offline tabs coming online together send every order exactly once', async ({
  context,
  server,
  faultProxy,
}) => {
  const perTab = scale(3, 20);
  test.setTimeout(scale(120_000, 300_000));
  const tabs: Page[] = [];
  for (let i = 0; i < 5; i++) {
    const page = await context.newPage();
    await openApp(page, faultProxy.url);
    tabs.push(page);
  }

  if (!faultDisabled('08')) await context.setOffline(true);
  const tags: string[] = [];
  for (let round = 0; round < perTab; round++) {
    for (const [i, page] of tabs.entries()) {
      const [tag] = orderTags(`f08-t${i}-`, 1, round);
      await placeOrder(page, { customerName: tag! });
      tags.push(tag!);
    }
  }
  // Measured: the tabs that show every order waiting (one outbox, seen from each tab).
  let tabsShowingQueue = 0;
  for (const page of tabs) {
    const shows = await expect(counter(page).syncStatus)
      .toContainText(`${tags.length} waiting to sync`)
      .then(
        () => true,
        () => false, // counted, and the evidence check below fails the test
      );
    if (shows) tabsShowingQueue += 1;
  }
  const queuedWhileOffline = tags.length - (await fetchAllOrders(server.url)).length;

  await context.setOffline(false);
  await expectConverged({
    fault: '08',
    title: 'five tabs offline, online together',
    origin: server.url,
    pages: tabs,
    placedTags: tags,
    prefix: 'f08-',
    timeoutMs: 30_000,
    evidence: { tabsShowingQueue, queuedWhileOffline },
    alsoRequire: { everyTabShowedQueue: tabsShowingQueue === tabs.length },
  });
  // One flusher: no order was POSTed twice (a second flusher would race the first with the same key).
  const posts = new Map<string, number>();
  for (const r of faultProxy.log) {
    if (isWrite(r) && r.method === 'POST')
      for (const key of r.keys) posts.set(key, (posts.get(key) ?? 0) + 1);
  }
  expect(posts.size).toBe(tags.length);
  expect([...posts.values()].filter((count) => count > 1)).toEqual([]);
});
