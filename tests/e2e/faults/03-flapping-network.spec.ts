// Fault 3: the network flaps (offline/online every 100–500 ms, seeded) while a queue drains. Requests cut
// mid-flight are resent; nothing is lost, nothing doubles, and the device settles once the link holds.
import { counter, openApp } from '../helpers/device.ts';
import { draftFor, placeViaServiceWorker } from './app-session.ts';
import { expectConverged } from './convergence.ts';
import { test, expect } from './fault-fixture.ts';
import { cutWrites, isWrite, keysResentAfterCut } from './fault-proxy.ts';
import { faultDisabled, orderTags, scale, seededRandom, sleep } from './fault-results.ts';

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
  // Latency near the shortest flap keeps writes in flight when the link drops: the browser gives up on them,
  // the proxy still forwards them, and the resend must find them already committed.
  faultProxy.setLatency(250);

  await context.setOffline(true);
  const tags = orderTags('f03-', n);
  await placeViaServiceWorker(
    page,
    tags.map((tag, i) => draftFor(tag, menu[i % menu.length]!)),
  );
  await expect(counter(page).syncStatus).toContainText(`${n} waiting to sync`);

  // A link that drops: the browser goes offline and every open connection to the server is cut (Chromium's
  // offline emulation alone lets a request already in flight finish). The link also drops exactly while a
  // write is in flight (from inside the proxy, which still forwards it) for the first few writes: random
  // flaps alone often miss a drain that takes two batches.
  const disabled = faultDisabled('03');
  let online = false;
  const setLink = async (up: boolean) => {
    online = up;
    faultProxy.setMode(up ? 'forward' : 'refuse');
    if (!up) faultProxy.cutConnections();
    await context.setOffline(!up);
  };
  let cutsLeft = 3;
  faultProxy.beforeForward(async (req) => {
    if (disabled || !isWrite(req) || cutsLeft === 0) return;
    cutsLeft -= 1;
    online = false;
    faultProxy.cutConnections();
    await context.setOffline(true);
  });
  const random = seededRandom(3);
  let flaps = 0;
  const until = Date.now() + flapForMs;
  while (Date.now() < until) {
    flaps += 1;
    if (disabled) await context.setOffline(false);
    else await setLink(!online);
    await sleep(100 + Math.floor(random() * 400));
  }
  faultProxy.beforeForward(null);
  await setLink(true);

  await expectConverged({
    fault: '03',
    title: 'flapping network during drain',
    origin: server.url,
    pages: [page],
    placedTags: tags,
    prefix: 'f03-',
    timeoutMs: 45_000,
    // Measured, and separately: requests cut on the way (each once, though the proxy logs a cut request again
    // when it forwards it anyway), and keys that came again in a later request after a cut one carried them.
    evidence: async () => ({
      writesCut: cutWrites(faultProxy.log),
      keysResentAfterCut: keysResentAfterCut(faultProxy.log),
    }),
    extra: {
      flaps,
      writeRequests: new Set(faultProxy.log.filter(isWrite).map((r) => r.requestId)).size,
    },
  });
});
