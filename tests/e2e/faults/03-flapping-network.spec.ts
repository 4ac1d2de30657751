// Fault 3: the network flaps (offline/online every 100–500 ms, seeded) while a queue drains. Requests cut
// mid-flight are resent; nothing is lost, nothing doubles, and the device settles once the link holds.
import { counter, openApp } from '../helpers/device.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { orderTags, scale, seededRandom, sleep } from './fault-results.ts';

test('a queue drained over a flapping network arrives complete and once', async ({
  context,
  server,
  faultProxy,
  menu,
}) => {
  const n = scale(60, 100);
  const flapForMs = scale(8_000, 30_000);
  test.setTimeout(scale(90_000, 240_000));
  const page = await context.newPage();
  await openApp(page, faultProxy.url);
  // A little latency keeps requests in flight when the link drops.
  faultProxy.setLatency(20);

  await context.setOffline(true);
  const tags = orderTags('f03-', n);
  await placeViaServiceWorker(
    page,
    tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
  );
  await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);

  const random = seededRandom(3);
  let online = false;
  let flaps = 0;
  const until = Date.now() + flapForMs;
  while (Date.now() < until) {
    online = !online;
    flaps += 1;
    await context.setOffline(!online);
    await sleep(100 + Math.floor(random() * 400));
  }
  await context.setOffline(false);

  await expectConverged({
    fault: '03',
    title: 'flapping network during drain',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f03-',
    timeoutMs: 45_000,
    extra: {
      flaps,
      createsAnsweredDuringFlapping: faultProxy.log.filter(
        (r) => r.method === 'POST' && r.path === '/api/orders',
      ).length,
    },
  });
});
