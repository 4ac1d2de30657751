// Fault 12: many devices write concurrently while a reader follows /api/orders/changes by cursor the whole
// time. Commits are ordered by seq, so a reader that only ever asks "since my cursor" must end up with the
// exact final state of every order: a skipped seq would leave it with a stale or missing order.
import type { ChangesResponse } from '../../../protocol/api.ts';
import type { Order, OrderStatus } from '../../../protocol/order.ts';
import { fetchAllOrders } from '../helpers/api.ts';
import { OWNER_AUTH } from '../helpers/pair-device.ts';
import { test, expect } from './fault-fixture.ts';
import { faultDisabled, missingEvidence, recordResult, scale, tallyOrders } from './fault-results.ts';
import { createWithRetries, patchWithRetries, registerDevice } from './http-device.ts';

const FLOW: OrderStatus[] = ['preparing', 'ready', 'completed'];

test('a reader following the changes feed during concurrent writes never skips a seq it needs', async ({
  server,
  menu,
}) => {
  const writers = scale(8, 20);
  const writeForMs = scale(8_000, 30_000);
  test.setTimeout(scale(60_000, 180_000));

  const seen = new Map<string, Order>();
  let cursor = 0;
  let reads = 0;
  let orderViolations = 0;
  const readOnce = async (): Promise<boolean> => {
    const res = await fetch(`${server.url}/api/orders/changes?since=${cursor}&limit=50`, {
      headers: OWNER_AUTH,
    });
    if (!res.ok) throw new Error(`changes → ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as ChangesResponse;
    reads += 1;
    let last = cursor;
    for (const order of page.orders) {
      // Ascending, and strictly after the cursor we asked from.
      if (order.seq <= last) orderViolations += 1;
      last = order.seq;
      seen.set(order.id, order);
    }
    if (page.cursor < cursor) orderViolations += 1;
    cursor = page.cursor;
    return page.more;
  };

  let writing = true;
  let readsDuringWrites = 0;
  const reader = (async () => {
    while (writing && !faultDisabled('12')) {
      await readOnce();
      readsDuringWrites += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  const tags: string[] = [];
  // Measured concurrency: creates in flight at once (the fault is writers overlapping, not their number).
  let inFlight = 0;
  let mostInFlight = 0;
  const stopAt = Date.now() + writeForMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const device = await registerDevice(server.url);
      for (let i = 1; Date.now() < stopAt; i++) {
        const tag = `f12-w${w}-${String(i).padStart(4, '0')}`;
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const { order } = await createWithRetries(
          server.url,
          {
            number: `${device.code}-${String(i).padStart(3, '0')}`,
            deviceId: device.deviceId,
            customerName: tag,
            items: [{ menuItemId: menu[i % menu.length]!.id, qty: 1 }],
          },
          Date.now() + 20_000,
        ).finally(() => {
          inFlight -= 1;
        });
        tags.push(tag);
        // Move some orders forward a random number of steps, interleaving with other writers' creates.
        const steps = i % 4;
        for (const status of FLOW.slice(0, steps))
          await patchWithRetries(server.url, order.id, { status }, Date.now() + 20_000);
      }
    }),
  );
  writing = false;
  await reader;
  while (await readOnce()) {
    // Catch up to the end of the feed.
  }

  const finalOrders = await fetchAllOrders(server.url);
  const stale = finalOrders.filter(
    (o) => seen.get(o.id)?.seq !== o.seq || seen.get(o.id)?.status !== o.status,
  );
  const tally = tallyOrders(tags, finalOrders, 'f12-');
  const evidence = { readsDuringWrites, overlappingCreates: mostInFlight - 1 };
  recordResult(
    '12',
    'concurrent writers + polling reader',
    tally,
    tally.lost === 0 &&
      tally.duplicates === 0 &&
      stale.length === 0 &&
      orderViolations === 0 &&
      missingEvidence(evidence).length === 0,
    evidence,
    {
      reads,
      staleOrMissingForReader: stale.length,
      orderViolations,
      finalSeq: cursor,
    },
  );
  expect(missingEvidence(evidence), 'the reader ran while the writers wrote').toEqual([]);
  expect(orderViolations).toBe(0);
  expect(stale.map((o) => `${o.customerName}@${o.seq}`)).toEqual([]);
  expect(tally).toEqual({ placed: tags.length, onServer: tags.length, duplicates: 0, lost: 0 });
});
