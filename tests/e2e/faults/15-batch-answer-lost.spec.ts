// Fault 15 (Part 2): a whole POST /api/batch commits on the server but its answer never reaches the device
// (the proxy reads it, then cuts the connection). Every mutation in it is resent under its own key and the
// server replays each one: nothing is duplicated, nothing lost.
import { counter, openApp } from '../helpers/device.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite, resentKeys } from './fault-proxy.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('a batch whose answer is lost after commit is resent and applied exactly once', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(40, 150);
  test.setTimeout(scale(90_000, 180_000));
  const page = await context.newPage();
  await openApp(page, faultProxy.url);

  // A queue built offline drains in batches once the device is back.
  await context.setOffline(true);
  const tags = orderTags('f15-', n);
  await placeViaServiceWorker(
    page,
    tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
  );
  await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);

  // Only the first batch's answer is lost: the resend must be answered from the server's key records.
  let batchesToDrop = faultDisabled('15') ? 0 : 1;
  faultProxy.dropResponsesWhen((req) => {
    if (req.method !== 'POST' || req.path !== '/api/batch' || batchesToDrop === 0) return false;
    batchesToDrop -= 1;
    return true;
  });
  await context.setOffline(false);

  await expect(counter(page).syncStatus).toContainText('All changes saved', { timeout: 45_000 });
  const dropped = faultProxy.log.filter((r) => r.outcome === 'response-dropped' && r.path === '/api/batch');
  const droppedKeys = new Set(dropped.flatMap((r) => r.keys));
  const answeredLater = new Set(
    faultProxy.log.filter((r) => isWrite(r) && r.outcome === 'forwarded').flatMap((r) => r.keys),
  );
  await expectConverged({
    fault: '15',
    title: 'batch answer lost after commit',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f15-',
    timeoutMs: 30_000,
    evidence: {
      batchAnswersDropped: dropped.length,
      mutationsInDroppedBatch: droppedKeys.size,
      droppedKeysResent: [...droppedKeys].filter((key) => answeredLater.has(key)).length,
    },
    extra: { keysResent: resentKeys(faultProxy.log.filter(isWrite)) },
  });
  // Every mutation of the lost batch was resent and answered (the server replayed it, no second order).
  expect([...droppedKeys].filter((key) => !answeredLater.has(key))).toEqual([]);
});
