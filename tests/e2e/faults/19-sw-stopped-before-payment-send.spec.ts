// Fault 19 (issue 22): the service worker is stopped between `Confirm payment` and the send. The payment is an
// outbox entry in IndexedDB the moment it is confirmed; the proxy holds its first send, the worker is stopped
// (CDP ServiceWorker.stopAllWorkers) with that request unanswered, then the proxy forwards it anyway (the server
// may commit what the dead worker never heard of). The next worker resends under the same key: the server
// records the payment once.
import type { Order } from '../../../protocol/order.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { counter, openApp, placeOrder } from '../helpers/device.ts';
import { pay } from '../helpers/pay.ts';
import { killServiceWorkers } from './app-session.ts';
import { test, expect } from './fault-fixture.ts';
import type { ProxiedRequest } from './fault-proxy.ts';
import { faultDisabled } from './fault-results.ts';

test.use({ trace: 'off' }); // as fault 05: tracing plus a stopped worker can abort Chromium

/** A lone payment or a batch carrying one. */
function carriesPayment(req: ProxiedRequest): boolean {
  if (req.method !== 'POST') return false;
  if (/^\/api\/orders\/[^/]+\/payments$/.test(req.path)) return true;
  return req.path === '/api/batch' && /"op"\s*:\s*"payment"/.test(req.body);
}

test('a payment whose worker was stopped before its send arrives exactly once', async ({
  context,
  server,
  faultProxy,
}) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  const { id } = await placeOrder(page, { customerName: 'f19-pay' });
  await expect(counter(page).syncStatus).toContainText('All changes saved');

  const disabled = faultDisabled('19');
  let kills = 0;
  const paymentRequests: ProxiedRequest[] = [];
  faultProxy.beforeForward(async (req) => {
    if (!carriesPayment(req)) return;
    paymentRequests.push(req);
    if (disabled || kills > 0) return;
    kills += 1;
    await killServiceWorkers(page);
  });
  await pay(page, counter(page).row('f19-pay'), { method: 'cash', tendered: '50' });
  await expect(counter(page).row('f19-pay')).toContainText('Paid');

  const serverPayments = async () =>
    ((await fetchAllOrders(server.url)).find((o) => o.id === id) as Order | undefined)?.payments ?? [];
  await expect.poll(async () => (await serverPayments()).length, { timeout: 45_000 }).toBeGreaterThan(0);
  await expect(counter(page).syncStatus).toContainText('All changes saved', { timeout: 45_000 });
  faultProxy.beforeForward(null);

  // Proof the fault happened: the worker was stopped while holding the payment's first send, and the payment
  // reached the proxy again from the next worker.
  expect(kills, 'worker stops while a payment was in flight').toBeGreaterThan(0);
  expect(paymentRequests.length, 'payment sends (the first one orphaned)').toBeGreaterThan(1);
  const payments = await serverPayments();
  expect(payments).toHaveLength(1);
  expect(payments[0]).toMatchObject({ method: 'cash', tenderedCents: 5000 });
});
