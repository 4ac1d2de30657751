// Fault 16 (Part 2): the owner revokes a device while it drains its queue (the revoke lands between the
// device sending a write and the server reading it). The device says Signed out and keeps every queued
// order; paired again under the same id, it sends each of them exactly once.
import type { DeviceIdentity } from '../../../protocol/messages.ts';
import { counter, openApp } from '../helpers/device.ts';
import { pairContext, revokeDevice } from '../helpers/pair-device.ts';
import { askServiceWorker, draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite } from './fault-proxy.ts';
import { faultDisabled, orderTags, scale } from './fault-results.ts';

test('a device revoked mid-drain keeps its queue and drains it once after pairing again', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(20, 100);
  test.setTimeout(90_000);
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  const screen = counter(page);
  const me = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { id: string }).id);

  await context.setOffline(true);
  const tags = orderTags('f16-', n);
  await placeViaServiceWorker(
    page,
    tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
  );
  await expect(screen.syncStatus).toContainText(`${n} waiting to sync`);

  // The revoke happens inside the proxy while it holds the drain's first write, before the server sees it.
  let revokes = 0;
  faultProxy.beforeForward(async (req) => {
    if (faultDisabled('16') || !isWrite(req) || revokes > 0) return;
    revokes += 1;
    await revokeDevice(server.url, me);
  });
  await context.setOffline(false);
  if (!faultDisabled('16')) {
    await expect(screen.syncStatus).toContainText('Signed out', { timeout: 30_000 });
    await expect(screen.syncStatus).toContainText(`${n} waiting to sync`);
  }
  faultProxy.beforeForward(null);
  const writesRefused = faultProxy.log.filter((r) => isWrite(r) && r.status === 401).length;

  // Paired again with the id it holds (what the pairing screen does), then the page tells the worker.
  const repaired = await pairContext(context, faultProxy.url, { deviceId: me });
  expect(repaired.device.id).toBe(me);
  const reply = await askServiceWorker<DeviceIdentity>(page, { v: 1, type: 'paired' });
  expect(reply).toMatchObject({ ok: true, value: { id: me } });

  await expectConverged({
    fault: '16',
    title: 'device revoked mid-drain, paired again',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f16-',
    timeoutMs: 30_000,
    evidence: { revokes, writesRefused },
  });
  await expect(screen.syncStatus).not.toContainText('Signed out');
});
