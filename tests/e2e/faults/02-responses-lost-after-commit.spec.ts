// Fault 2: the server commits a write but its answer never reaches the device (the proxy reads the whole
// response, then cuts the connection). The device must resend with the same key and get the same order.
import type { Order } from '../../../protocol/order.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { counter, openApp } from '../helpers/device.ts';
import { askServiceWorker, draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { orderTags, scale } from './fault-results.ts';

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

  // The first answer to every write key is lost; the resend gets through.
  const seenKeys = new Set<string>();
  faultProxy.dropResponsesWhen((req) => {
    if (req.method !== 'POST' && req.method !== 'PATCH') return false;
    if (!req.path.startsWith('/api/orders') || req.idempotencyKey === null) return false;
    if (seenKeys.has(req.idempotencyKey)) return false;
    seenKeys.add(req.idempotencyKey);
    return true;
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
  await expectConverged({
    fault: '02',
    title: 'responses lost after commit',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f02-',
    timeoutMs: 30_000,
    extra: {
      responsesDropped: dropped.length,
      droppedCreates: dropped.filter((r) => r.method === 'POST').length,
      droppedPatches: dropped.filter((r) => r.method === 'PATCH').length,
    },
  });
  const byId = new Map<string, Order>((await fetchAllOrders(server.url)).map((o) => [o.id, o]));
  for (const order of advanced) expect(byId.get(order.id)?.status, order.number).toBe('preparing');
  // Each lost answer was followed by exactly the resend it needed (the first attempt did commit).
  expect(dropped.filter((r) => r.method === 'POST')).toHaveLength(n);
  expect(dropped.filter((r) => r.method === 'PATCH')).toHaveLength(advanced.length);
});
