// Fault 13: 20 simulated devices create orders non-stop while the server restarts twice (once gracefully,
// once by SIGKILL). Every order the server acknowledged must be there exactly once afterwards, and every
// device's retries (same key) must end acknowledged.
import { fetchAllOrders } from '../helpers/api.ts';
import { test, expect } from './fault-fixture.ts';
import { serverStartedAt } from './server-metrics.ts';
import { faultDisabled, missingEvidence, recordResult, scale, sleep, tallyOrders } from './fault-results.ts';
import { createWithRetries, registerDevice } from './http-device.ts';

test('orders acknowledged across two server restarts under load are each stored exactly once', async ({
  server,
  menu,
}) => {
  const devices = 20;
  const loadForMs = scale(12_000, 60_000);
  test.setTimeout(scale(90_000, 240_000));

  const registered = await Promise.all(Array.from({ length: devices }, () => registerDevice(server.url)));
  const acknowledged: { id: string; tag: string; attempts: number }[] = [];
  const attempted: string[] = [];
  const stopAt = Date.now() + loadForMs;
  const load = Promise.all(
    registered.map(async (device, d) => {
      for (let i = 1; Date.now() < stopAt; i++) {
        const tag = `f13-d${String(d).padStart(2, '0')}-${String(i).padStart(4, '0')}`;
        attempted.push(tag);
        const { order, attempts } = await createWithRetries(
          server.url,
          {
            number: `${device.code}-${String(i).padStart(3, '0')}`,
            deviceId: device.deviceId,
            customerName: tag,
            items: [{ menuItemId: menu[i % menu.length]!.id, qty: 1 + (i % 3) }],
          },
          stopAt + 60_000,
        );
        acknowledged.push({ id: order.id, tag, attempts });
      }
    }),
  );

  const restarts: string[] = [];
  // The server's own start time before and after each restart: distinct times are measured restarts.
  const startTimes = new Set([await serverStartedAt(server.url)]);
  const disabled = faultDisabled('13');
  await sleep(loadForMs / 3);
  if (!disabled) {
    await server.restart();
    restarts.push('SIGTERM');
    startTimes.add(await serverStartedAt(server.url));
  }
  await sleep(loadForMs / 3);
  if (!disabled) {
    await server.kill();
    await server.start();
    restarts.push('SIGKILL');
    startTimes.add(await serverStartedAt(server.url));
  }
  await load;

  const finalOrders = await fetchAllOrders(server.url);
  const tally = tallyOrders(
    acknowledged.map((a) => a.tag),
    finalOrders,
    'f13-',
  );
  const ids = new Set(finalOrders.map((o) => o.id));
  const ackMissing = acknowledged.filter((a) => !ids.has(a.id));
  // Creates that needed more than one attempt: the restarts really hit requests in flight.
  const evidence = {
    serverRestarts: startTimes.size - 1,
    retriedCreates: acknowledged.filter((a) => a.attempts > 1).length,
  };
  recordResult(
    '13',
    'server restart x2 under load (20 devices)',
    tally,
    tally.lost === 0 && tally.duplicates === 0 && missingEvidence(evidence).length === 0,
    evidence,
    {
      devices,
      restartKinds: restarts.join('+'),
      loadSeconds: loadForMs / 1000,
      unacknowledged: attempted.length - acknowledged.length,
    },
  );
  expect(missingEvidence(evidence), 'the restarts happened and hit requests').toEqual([]);
  expect(ackMissing).toEqual([]);
  expect(attempted.length).toBe(acknowledged.length);
  expect(tally).toEqual({
    placed: acknowledged.length,
    onServer: acknowledged.length,
    duplicates: 0,
    lost: 0,
  });
});
