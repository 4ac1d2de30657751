// Fault 7: the server rejects a queued create for good (422). It becomes a dead letter under "Needs
// attention" with Retry and Discard, and it never blocks other orders from syncing.
import type { ClientOrder } from '../../../protocol/order.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { counter, openApp, placeOrder } from '../helpers/device.ts';
import { askServiceWorker, draftFor, needsAttention } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite } from './fault-proxy.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('a rejected create waits under Needs attention, Retry resends, Discard removes, others keep flowing', async ({
  server,
  faultProxy,
  menu,
  page,
}) => {
  const good = scale(3, 10);
  test.setTimeout(90_000);
  await openApp(page, faultProxy.url);
  const item = menu[0]!;
  const screen = counter(page);

  // 1. A draft naming a menu item the server does not have: a real 422 unknown_menu_item from the server.
  const poisonReply = await askServiceWorker<ClientOrder>(page, {
    v: 1,
    type: 'create-order',
    draft: draftFor('f07-poison', item, faultDisabled('07') ? item.id : 'no-such-item'),
  });
  if (!poisonReply.ok) throw new Error(`the SW refused the draft: ${poisonReply.error.message}`);
  const poison = poisonReply.value;
  const deadItem = needsAttention(page).getByRole('listitem').filter({ hasText: poison.number });
  await expect(deadItem).toBeVisible({ timeout: 20_000 });
  await expect(screen.syncStatus).toContainText('1 need attention');
  await expect(screen.row('f07-poison')).toContainText('Needs attention');

  // 2. Other orders keep flowing past it.
  const tags = orderTags('f07-', good);
  for (const tag of tags) await placeOrder(page, { customerName: tag });
  await expect
    .poll(
      async () => (await fetchAllOrders(server.url)).filter((o) => tags.includes(o.customerName)).length,
      {
        timeout: 20_000,
      },
    )
    .toBe(good);

  // 3. Retry resends it (still rejected: it stays); Discard removes it from the device.
  const sendsOf = (id: string) =>
    faultProxy.log.filter((r) => isWrite(r) && r.method === 'POST' && r.keys.includes(id)).length;
  const before = sendsOf(poison.id);
  await deadItem.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => sendsOf(poison.id), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect(deadItem).toBeVisible({ timeout: 20_000 });
  await deadItem.getByRole('button', { name: 'Discard' }).click();
  await expect(deadItem).toHaveCount(0);
  await expect(screen.row('f07-poison')).toHaveCount(0);

  // 4. A create rejected once (injected 422) succeeds on Retry.
  let reject = true;
  faultProxy.injectErrorWhen((req) =>
    reject && isWrite(req) && req.method === 'POST'
      ? { status: 422, code: 'unknown_menu_item', message: 'Menu item is not on the menu today' }
      : null,
  );
  const recovered = await placeOrder(page, { customerName: 'f07-retried' });
  const recoveredItem = needsAttention(page).getByRole('listitem');
  await expect(recoveredItem).toHaveCount(1, { timeout: 20_000 });
  reject = false;
  await recoveredItem.getByRole('button', { name: 'Retry' }).click();
  await expect(recoveredItem).toHaveCount(0, { timeout: 20_000 });
  // Rejected once (injected), resent once by Retry, and nothing more.
  await expect.poll(() => sendsOf(recovered.id), { timeout: 20_000 }).toBe(2);

  await expectConverged({
    fault: '07',
    title: 'poison entry (422): Needs attention, Retry, Discard',
    origin: server.url,
    pages: [page],
    placedTags: [...tags, 'f07-retried'],
    prefix: 'f07-',
    timeoutMs: 20_000,
    evidence: {
      poisonSends: sendsOf(poison.id),
      injectedRejections: faultProxy.log.filter((r) => r.outcome === 'injected').length,
    },
    extra: { retriedSends: sendsOf(recovered.id) },
  });
  // The discarded order never reached the server.
  expect((await fetchAllOrders(server.url)).some((o) => o.id === poison.id)).toBe(false);
});
