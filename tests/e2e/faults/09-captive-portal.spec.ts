// Fault 9: a captive portal answers every request with `200 text/html`. A 200 that is not an API answer
// must not count as sent: nothing is dropped from the outbox, nothing is marked saved, status says Offline.
import { fetchAllOrders } from '../helpers/api.ts';
import { counter, openApp, placeOrder } from '../helpers/device.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite } from './fault-proxy.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('orders placed behind a captive portal stay queued, then sync once the portal is gone', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(10, 50);
  test.setTimeout(90_000);
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  const screen = counter(page);

  if (!faultDisabled('09')) faultProxy.setMode('captive');
  const tags = orderTags('f09-', n);
  await placeOrder(page, { customerName: tags[0]! });
  await placeViaServiceWorker(
    page,
    tags.slice(1).map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
  );
  const portalAnswers = () => faultProxy.log.filter((r) => r.outcome === 'captive' && isWrite(r)).length;
  // The device really tried to send through the portal …
  await expect.poll(portalAnswers, { timeout: 20_000 }).toBeGreaterThan(0);
  // … and kept everything: still waiting, seen as offline, rows not confirmed, server untouched.
  await expect(screen.syncStatus).toContainText(`${n} waiting to sync`);
  await expect(screen.syncStatus).toContainText('Offline');
  // The newest row is the one on screen (the list renders only visible rows; the first order is at the bottom).
  await expect(screen.row(tags[tags.length - 1]!)).toContainText('Waiting to sync');
  expect(await fetchAllOrders(server.url)).toHaveLength(0);
  const attemptsBehindPortal = portalAnswers();

  faultProxy.setMode('forward');
  await expectConverged({
    fault: '09',
    title: 'captive portal (200 text/html)',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f09-',
    timeoutMs: 40_000,
    evidence: { attemptsBehindPortal },
  });
});
