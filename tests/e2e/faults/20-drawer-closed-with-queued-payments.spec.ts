// Fault 20 (issue 22, principle 22): a drawer is closed while its device still has cash payments queued (the
// device is offline). The close waits behind every earlier outbox entry of that device, so once the device is
// back the Z report counts every one of those payments.
import type { ZReport } from '../../../protocol/drawer.ts';
import type { Order } from '../../../protocol/order.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { counter, openApp, placeOrder } from '../helpers/device.ts';
import { OWNER_AUTH } from '../helpers/pair-device.ts';
import { pay } from '../helpers/pay.ts';
import { test, expect } from './fault-fixture.ts';
import { faultDisabled } from './fault-results.ts';

test('a close queued behind offline cash payments counts all of them in its Z report', async ({
  context,
  server,
  faultProxy,
}) => {
  test.setTimeout(150_000);
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('link', { name: 'Drawer', exact: true }).click();
  await page.getByRole('textbox', { name: 'Float', exact: true }).fill('100');
  await page.getByRole('button', { name: 'Open drawer', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Drawer open' })).toBeVisible();
  await nav.getByRole('link', { name: 'Counter', exact: true }).click();
  await expect(counter(page).syncStatus).toContainText('All changes saved');

  const disabled = faultDisabled('20');
  if (!disabled) await context.setOffline(true);
  const names = ['f20-a', 'f20-b', 'f20-c'];
  const ids: string[] = [];
  for (const name of names) {
    ids.push((await placeOrder(page, { customerName: name })).id);
    await pay(page, counter(page).row(name), { method: 'cash' });
  }
  // Proof the fault is set up: the payments are still queued on the device when the close is made.
  const queuedAtClose = Number(
    /(\d+) waiting to sync/.exec((await counter(page).syncStatus.textContent()) ?? '')?.[1] ?? 0,
  );
  await nav.getByRole('link', { name: 'Drawer', exact: true }).click();
  await page.getByRole('textbox', { name: 'Counted cash', exact: true }).fill('100');
  await page.getByRole('button', { name: 'Close drawer', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, close drawer', exact: true }).click();
  await expect(page.getByText(/^Closing:/)).toBeVisible();
  await context.setOffline(false);

  const report = page.getByRole('region', { name: /^Z report \d+$/ });
  await expect(report).toBeVisible({ timeout: 60_000 });
  const number = Number(/\d+$/.exec((await report.getByRole('heading').first().textContent()) ?? '')![0]);
  const z = (await (
    await fetch(`${server.url}/api/reports/z/${number}`, { headers: OWNER_AUTH })
  ).json()) as ZReport;
  const orders = (await fetchAllOrders(server.url)).filter((o: Order) => ids.includes(o.id));
  const cashTaken = orders.reduce((sum, o) => sum + o.totalCents, 0);

  expect(queuedAtClose, 'entries queued on the device when the close was made').toBeGreaterThanOrEqual(
    names.length * 2,
  );
  expect(z.byMethod.find((m) => m.method === 'cash')).toMatchObject({
    count: names.length,
    amountCents: cashTaken,
  });
  expect(z.cash).toMatchObject({
    salesCents: cashTaken,
    expectedCents: 10_000 + cashTaken,
    countedCents: 10_000,
  });
});
