// Fault 10: the push stream stalls: the socket stays open but no byte arrives, not even heartbeats. The
// leader must notice the silence (25 s without events), fall back to 5 s pulls that cover the gap, and
// reconnect the stream once it can.
import { counter, openApp } from '../helpers/device.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { faultDisabled } from './fault-results.ts';
import { createWithRetries, registerDevice } from './http-device.ts';

test('a silent push stream is detected by missing heartbeats and the gap is covered by pulls', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  const screen = counter(page);
  await expect.poll(() => faultProxy.openStreams(), { message: 'push stream open', timeout: 20_000 }).toBe(1);

  // Another device writes over HTTP; this page learns of it only via push or pull.
  const other = await registerDevice(server.url);
  let counterNo = 0;
  const createFromOtherDevice = async (tag: string) => {
    counterNo += 1;
    await createWithRetries(
      server.url,
      {
        number: `${other.code}-${String(counterNo).padStart(3, '0')}`,
        deviceId: other.deviceId,
        customerName: tag,
        items: [{ menuItemId: menu[0]!.id, qty: 1 }],
      },
      Date.now() + 10_000,
    );
  };

  await createFromOtherDevice('f10-push');
  await expect(screen.row('f10-push')).toHaveCount(1, { timeout: 5_000 });

  // Stall: the open stream goes silent and any new stream request hangs without a byte.
  const disabled = faultDisabled('10');
  const streamsStalled = disabled ? 0 : faultProxy.stallOpenStreams();
  expect(streamsStalled).toBe(1);
  faultProxy.setHoldNewStreams(!disabled);
  const stalledAt = Date.now();
  await createFromOtherDevice('f10-gap');
  await expect(screen.row('f10-gap')).toHaveCount(1, { timeout: 45_000 });
  const gapCoveredMs = Date.now() - stalledAt;
  const pullsDuringStall = faultProxy.log.filter(
    (r) => r.at >= stalledAt && r.method === 'GET' && r.path.startsWith('/api/orders/changes'),
  ).length;
  const newStreamAttempts = faultProxy.log.filter(
    (r) => r.at >= stalledAt && r.path.startsWith('/api/events'),
  ).length;
  expect(pullsDuringStall, 'the gap was covered by pulls').toBeGreaterThan(0);
  expect(newStreamAttempts, 'the leader tried to recreate the stream').toBeGreaterThan(0);

  // The stream can connect again: push resumes.
  const releasedAt = Date.now();
  faultProxy.setHoldNewStreams(false);
  await expect
    .poll(
      () =>
        faultProxy.log.some(
          (r) => r.at >= releasedAt && r.path.startsWith('/api/events') && r.outcome === 'forwarded',
        ),
      { message: 'push stream reconnected', timeout: 30_000 },
    )
    .toBe(true);
  await createFromOtherDevice('f10-after');
  await expect(screen.row('f10-after')).toHaveCount(1, { timeout: 10_000 });

  await expectConverged({
    fault: '10',
    title: 'stalled push stream (no bytes, socket open)',
    origin: server.url,
    pages: [page],
    placedTags: ['f10-push', 'f10-gap', 'f10-after'],
    prefix: 'f10-',
    timeoutMs: 15_000,
    evidence: {
      streamsStalled,
      streamsHeld: faultProxy.log.filter((r) => r.outcome === 'stalled').length,
      pullsDuringStall,
    },
    extra: { gapCoveredMs, newStreamAttempts },
  });
});
