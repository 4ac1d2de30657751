// Fault 11: staff change an order's status while it was created offline and its create is not confirmed
// yet (the first answer to the create is even lost). Changes must reach the server after the create, in
// order: never a 404 dead letter, and the server ends in the last state staff chose.
import type { Order } from '../../../protocol/order.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { cancelOrder, counter, openApp, placeOrder } from '../helpers/device.ts';
import { pay } from '../helpers/pay.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite, type ProxyLogEntry } from './fault-proxy.ts';
import { faultDisabled } from './fault-results.ts';

test('status changes made offline before the create is confirmed are applied after it, in order', async ({
  context,
  server,
  faultProxy,
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page, faultProxy.url);
  const screen = counter(page);

  await context.setOffline(true);
  const ready = await placeOrder(page, { customerName: 'f11-ready' });
  const cancelled = await placeOrder(page, { customerName: 'f11-cancelled' });
  const readyRow = screen.row('f11-ready');
  await readyRow.getByRole('button', { name: 'Start preparing' }).click();
  await readyRow.getByRole('button', { name: 'Mark ready' }).click();
  await pay(page, readyRow);
  await expect(readyRow).toContainText('Ready');
  const cancelledRow = screen.row('f11-cancelled');
  await cancelledRow.getByRole('button', { name: 'Start preparing' }).click();
  await cancelOrder(page, cancelledRow);
  await expect(cancelledRow).toHaveCount(0);

  // The first answer to each create is lost after commit, so confirmation comes only from the resend.
  // A create may travel alone or in a POST /api/batch next to the status changes.
  const answered = new Set<string>();
  const createKeys = new Set([ready.id, cancelled.id]);
  if (!faultDisabled('11'))
    faultProxy.dropResponsesWhen((req) => {
      if (!isWrite(req) || req.method !== 'POST') return false;
      const fresh = req.keys.filter((key) => createKeys.has(key) && !answered.has(key));
      for (const key of fresh) answered.add(key);
      return fresh.length > 0;
    });
  await context.setOffline(false);
  const createAnswersDropped = () => faultProxy.log.filter((r) => r.outcome === 'response-dropped').length;
  // Evidence is read once the drain has met the fault, not the moment the device comes back online.
  if (!faultDisabled('11'))
    await expect
      .poll(createAnswersDropped, { message: 'a create answer was dropped', timeout: 20_000 })
      .toBeGreaterThan(0);

  await expectConverged({
    fault: '11',
    title: 'status change before create confirmed',
    origin: server.url,
    pages: [page],
    placedTags: ['f11-ready', 'f11-cancelled'],
    prefix: 'f11-',
    timeoutMs: 30_000,
    evidence: {
      createAnswersDropped: createAnswersDropped(),
    },
  });
  const byId = new Map<string, Order>((await fetchAllOrders(server.url)).map((o) => [o.id, o]));
  expect(byId.get(ready.id)).toMatchObject({ status: 'ready', paid: true });
  expect(byId.get(cancelled.id)).toMatchObject({ status: 'cancelled' });
  // In order: no change for an order left before its create, and none was answered 404.
  for (const { id } of [ready, cancelled]) {
    // A change travels as PATCH /api/orders/<id> or as a batch mutation naming the order.
    const isChange = (r: ProxyLogEntry) =>
      (r.method === 'PATCH' && r.path === `/api/orders/${id}`) ||
      (r.path === '/api/batch' && r.body.includes(`"orderId":"${id}"`));
    const isCreate = (r: ProxyLogEntry) => r.method === 'POST' && r.keys.includes(id);
    const forOrder = faultProxy.log.filter((r) => isWrite(r) && (isChange(r) || isCreate(r)));
    const firstPatch = forOrder.findIndex(isChange);
    const firstCreate = forOrder.findIndex(isCreate);
    expect(firstCreate).toBeGreaterThanOrEqual(0);
    expect(firstPatch).toBeGreaterThan(firstCreate);
    expect(forOrder.filter((r) => r.status === 404)).toEqual([]);
  }
  await expect(
    page.getByRole('list', { name: 'Needs attention', exact: true }).getByRole('listitem'),
  ).toHaveCount(0);
});
