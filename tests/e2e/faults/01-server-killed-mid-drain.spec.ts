// Fault 1: the server is SIGKILLed while a device drains a long offline queue, then restarts on the same
// data directory. Acknowledged orders must survive the kill; unacknowledged ones are resent; none twice.
import { counter, openApp } from '../helpers/device.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { isWrite } from './fault-proxy.ts';
import { serverStartedAt } from './server-metrics.ts';
import { faultDisabled, orderTags, scale, sleep } from './fault-results.ts';

test('server killed mid-drain and restarted on the same data: every queued order lands exactly once', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(60, 200);
  test.setTimeout(scale(120_000, 300_000));
  const page = await context.newPage();
  await openApp(page, faultProxy.url);

  await context.setOffline(true);
  const tags = orderTags('f01-', n);
  await placeViaServiceWorker(
    page,
    tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
  );
  await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);

  // Kill the server from inside the proxy when a write carrying the killAt-th key arrives (the drain goes in
  // batches, so that is usually the first batch), so the kill is mid-drain by construction: the request that
  // triggers it never gets an answer, others may be in flight.
  const killAt = Math.floor(n / 3);
  const startedBefore = await serverStartedAt(server.url);
  let keysSent = 0;
  let killed: Promise<void> | null = null;
  const disabled = faultDisabled('01');
  faultProxy.beforeForward(async (req) => {
    if (!isWrite(req) || killed !== null) return;
    keysSent += req.keys.length;
    if (keysSent >= killAt) {
      killed = disabled ? Promise.resolve() : server.kill();
      await killed;
    }
  });
  await context.setOffline(false);
  await expect
    .poll(() => killed !== null, { message: 'the drain reached the kill point', timeout: 30_000 })
    .toBe(true);
  await killed;
  const downSince = Date.now();
  faultProxy.beforeForward(null);
  // Down long enough for the client to see failures and back off.
  await sleep(1_500);
  if (!disabled) await server.start();
  const downMs = Date.now() - downSince;
  // The server's own start time: a new one proves a new process answers (the restart happened).
  const serverRestarts = (await serverStartedAt(server.url)) !== startedBefore ? 1 : 0;
  // Every create attempt that found the server down; backoff (≥ 250 ms, doubling) must keep this small.
  const attemptsWhileDown = faultProxy.log.filter((r) => isWrite(r) && r.outcome === 'upstream-error').length;

  // A device must back off from a dead server, not hammer it (DESIGN principle 5: exponential backoff).
  // Generous bound: two attempts per second of outage plus slack for the first quick retries.
  const backoffBound = Math.ceil(downMs / 500) + 10;
  await expectConverged({
    fault: '01',
    title: 'server SIGKILL mid-drain + restart',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f01-',
    timeoutMs: 60_000,
    // The write that triggered the kill found the server dead: at least one write lost to it, then a restart.
    evidence: { writesLostToKill: attemptsWhileDown, serverRestarts },
    extra: { killedAtKey: killAt, downMs, backoffBound },
    alsoRequire: { backoffHeld: attemptsWhileDown <= backoffBound },
  });
  expect(attemptsWhileDown, 'create attempts while the server was down').toBeLessThanOrEqual(backoffBound);
});
