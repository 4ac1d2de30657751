// Fault 2: the server commits a write but its answer never reaches the device (the proxy reads the whole
// response, then cuts the connection). The device must resend with the same key and get the same order.
import type { Order } from '../../../protocol/order.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { counter, openApp } from '../helpers/device.ts';
import { askServiceWorker, draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite, resentKeys } from './fault-proxy.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('every create and status change whose response is lost after commit is applied exactly once', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(20, 100);
  test.setTimeout(scale(90_000, 240_000));
  const page = await context.newPage();
  await openApp(page, faultProxy.url);

  // The first answer to a write carrying any new key (a lone write or a POST /api/batch) is lost; the resend
  // gets through.
  const seenKeys = new Set<string>();
  if (!faultDisabled('02'))
    faultProxy.dropResponsesWhen((req) => {
      if (!isWrite(req) || req.keys.length === 0) return false;
      const fresh = req.keys.filter((key) => !seenKeys.has(key));
      for (const key of fresh) seenKeys.add(key);
      return fresh.length > 0;
    });

  const tags = orderTags('f02-', n);
  const placed = await placeViaServiceWorker(
    page,
    tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
  );
  // Half the orders also get a status change while their create may still be unconfirmed.
  const advanced = placed.filter((_, i) => i % 2 === 0);
  for (const order of advanced) {
    const reply = await askServiceWorker(page, {
      v: 1,
      type: 'set-status',
      id: order.id,
      status: 'preparing',
    });
    expect(reply.ok, `set-status ${order.number}`).toBe(true);
  }

  await expect(counter(page).syncStatus).toContainText('All changes saved', { timeout: 60_000 });
  const dropped = faultProxy.log.filter((r) => r.outcome === 'response-dropped');
  const droppedKeys = new Set(dropped.flatMap((r) => r.keys));
  // A dropped key counts as resent once a later write carrying it got its answer.
  const answeredKeys = new Set(
    faultProxy.log.filter((r) => isWrite(r) && r.outcome === 'forwarded').flatMap((r) => r.keys),
  );
  const resentAfterDrop = [...droppedKeys].filter((key) => answeredKeys.has(key)).length;
  await expectConverged({
    fault: '02',
    title: 'responses lost after commit',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f02-',
    timeoutMs: 30_000,
    evidence: { responsesDropped: dropped.length, resentAfterDrop },
    extra: {
      droppedBatches: dropped.filter((r) => r.path === '/api/batch').length,
      droppedLoneWrites: dropped.filter((r) => r.path !== '/api/batch').length,
      keysResent: resentKeys(faultProxy.log.filter(isWrite)),
    },
  });
  const byId = new Map<string, Order>((await fetchAllOrders(server.url)).map((o) => [o.id, o]));
  for (const order of advanced) expect(byId.get(order.id)?.status, order.number).toBe('preparing');
  // Every write key lost its first answer (creates and status changes alike) and was resent until answered.
  expect(droppedKeys.size, 'keys whose first answer was lost').toBe(n + advanced.length);
  expect(resentAfterDrop, 'lost answers followed by an answered resend').toBe(droppedKeys.size);
});
