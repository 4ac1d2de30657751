// Principle 13 end to end: a device revoked while it holds queued orders shows `Signed out` and keeps them;
// paired again (same device id), it sends each of them exactly once. The orders are held by the fault proxy
// (the device's only way to the server refuses connections), never by intercepting requests in the page.
import { countIds, fetchAllOrders } from './helpers/api.ts';
import { counter, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { pairContext, revokeDevice } from './helpers/pair-device.ts';
import { askServiceWorker, needsAttention } from './faults/app-session.ts';
import { startFaultProxy } from './faults/fault-proxy.ts';
import type { DeviceIdentity } from '../../protocol/messages.ts';

test('a revoked device keeps its 3 queued orders, says Signed out, and sends them once after pairing again', async ({
  device,
  server,
  uniqueName,
}) => {
  test.setTimeout(120_000);
  const proxy = await startFaultProxy(server.port);
  try {
    const context = await device();
    const page = await context.newPage();
    await openApp(page, proxy.url);
    const screen = counter(page);
    const me = await page.evaluate(async () => {
      const response = await fetch('/api/me');
      return (await response.json()) as { id: string };
    });

    proxy.setMode('refuse');
    const names = [uniqueName('Kept A'), uniqueName('Kept B'), uniqueName('Kept C')];
    for (const customerName of names) await placeOrder(page, { customerName });
    await expect(screen.syncStatus).toContainText('3 waiting to sync');

    await revokeDevice(server.url, me.id);
    proxy.setMode('forward');
    // The next attempt (a backoff step, or the leader's 5 s poll) meets the 401.
    await expect(screen.syncStatus).toContainText('Signed out', { timeout: 30_000 });
    await expect(screen.syncStatus).toContainText('3 waiting to sync');
    // Signed out, the pairing screen stands in for the counter and says what it keeps (principle 13).
    await expect(page.getByRole('textbox', { name: 'Pairing code', exact: true })).toBeVisible();
    await expect(page.getByText('3 changes are kept on this device')).toBeVisible();
    await expect(needsAttention(page)).toHaveCount(0);
    const mine = <T extends { customerName: string }>(orders: T[]) =>
      orders.filter((o) => names.includes(o.customerName));
    expect(mine(await fetchAllOrders(server.url))).toEqual([]);
    // Signed out, the device stops asking: a few seconds bring no new order request through the proxy.
    const requestsAt = proxy.log.length;
    await page.waitForTimeout(6_000);
    expect(proxy.log.slice(requestsAt).filter((r) => r.path.startsWith('/api/orders'))).toEqual([]);

    // Paired again with the id it holds (what the pairing screen does), then the page tells the SW.
    const repaired = await pairContext(context, proxy.url, { deviceId: me.id });
    expect(repaired.device.id).toBe(me.id);
    const reply = await askServiceWorker<DeviceIdentity>(page, { v: 1, type: 'paired' });
    expect(reply).toMatchObject({ ok: true, value: { id: me.id } });

    await expect(screen.syncStatus).toContainText('All changes saved', { timeout: 30_000 });
    await expect(screen.syncStatus).not.toContainText('Signed out');
    const onServer = mine(await fetchAllOrders(server.url));
    expect([...countIds(onServer).values()]).toEqual([1, 1, 1]);
    expect(onServer.map((o) => o.customerName).sort()).toEqual([...names].sort());
    const creates = proxy.log.filter(
      (r) => r.method === 'POST' && r.path === '/api/orders' && r.status !== null && r.status < 300,
    );
    // Each order's create succeeded exactly once (401s and refused attempts are not successes).
    expect(new Set(creates.map((r) => r.idempotencyKey)).size).toBe(creates.length);
  } finally {
    await proxy.close();
  }
});
