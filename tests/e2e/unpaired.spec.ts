// A browser that was never paired (DESIGN.md Part 2, principle 12): every /api route but the public ones
// answers 401 `unauthenticated`, and the app never opens its push stream on /api/events.
import { expect, test } from './helpers/fixtures.ts';
import { waitForServiceWorkerControl } from './helpers/device.ts';
import { OWNER_AUTH } from './helpers/pair-device.ts';
import { askServiceWorker } from './faults/app-session.ts';
import { startFaultProxy } from './faults/fault-proxy.ts';
import type { Snapshot } from '../../protocol/messages.ts';

const ORDER = '0192d2a4-6c1e-7000-8000-00000000f00d';
const DEVICE = '0192d2a4-6c1e-7000-8000-00000000d00d';

/** Every credentialed route of DESIGN.md "HTTP API" and "HTTP API, part 2", with a plausible body. */
const PROTECTED: [method: string, path: string, body?: unknown][] = [
  ['GET', '/api/menu'],
  ['POST', '/api/orders', { id: ORDER }],
  ['PATCH', `/api/orders/${ORDER}`, { status: 'preparing' }],
  ['GET', '/api/orders?status=active'],
  ['GET', `/api/orders/${ORDER}`],
  ['GET', '/api/orders/changes?since=0'],
  ['GET', '/api/events'],
  ['GET', '/api/me'],
  ['POST', '/api/pairings', { role: 'owner' }],
  ['GET', '/api/devices'],
  ['PATCH', `/api/devices/${DEVICE}`, { role: 'owner' }],
  ['DELETE', `/api/devices/${DEVICE}`],
  ['PUT', '/api/menu/items/flat-white', { name: 'Free', priceCents: 0, category: 'coffee', available: true }],
  ['DELETE', '/api/menu/items/flat-white'],
  ['PUT', '/api/menu/categories/coffee', { name: 'Coffee', position: 0 }],
  ['POST', '/api/batch', { mutations: [] }],
  ['GET', '/api/orders/history'],
  ['GET', '/api/reports/day?date=2026-12-01&tz=UTC'],
  ['POST', '/api/telemetry', {}],
  ['GET', '/api/telemetry/devices'],
];

test('every /api route but the public ones answers an unpaired browser 401', async ({ device }) => {
  const context = await device(false);
  const notBuilt: string[] = [];
  for (const [method, path, body] of PROTECTED) {
    const send = (headers: Record<string, string> = {}) =>
      context.request.fetch(path, {
        method,
        headers,
        ...(body === undefined ? {} : { data: body }),
        failOnStatusCode: false,
      });
    const response = await send();
    // A route another branch has not delivered yet is unknown to the owner too (404 before any auth): noted,
    // not counted as passing. Every route this build has must refuse the unpaired browser.
    if (response.status() === 404 && (await send(OWNER_AUTH)).status() === 404) {
      notBuilt.push(`${method} ${path}`);
      continue;
    }
    expect({ method, path, status: response.status() }).toEqual({ method, path, status: 401 });
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  }
  test.info().annotations.push({ type: 'routes not in this build', description: notBuilt.join(', ') });
  // The routes of this branch's own contract are all there.
  expect(
    notBuilt.filter((route) => /\/api\/(orders(?!\/history)|events|me|pairings|devices)\b/.test(route)),
  ).toEqual([]);
  // The public ones answer without a credential.
  expect((await context.request.get('/healthz')).status()).toBe(200);
  expect((await context.request.get('/api/setup')).status()).toBe(200);
  const pair = await context.request.post('/api/pair', {
    data: { code: 'ABCD-EFGH', name: 'Guess' },
    failOnStatusCode: false,
  });
  expect(pair.status()).toBe(400);
});

test('an unpaired app never opens its event stream, and its SW says unpaired', async ({ device, server }) => {
  const proxy = await startFaultProxy(server.port);
  try {
    const context = await device(false);
    const page = await context.newPage();
    await page.goto(proxy.url);
    await waitForServiceWorkerControl(page);
    const hello = await askServiceWorker<Snapshot>(page, { v: 1, type: 'hello' });
    expect(hello).toMatchObject({ ok: true, value: { sync: { auth: 'unpaired', device: null } } });
    // Longer than the leader's 5 s tick and its reconnect backoff: a stream would have been tried by now.
    await page.waitForTimeout(7_000);
    expect(proxy.log.filter((r) => r.path.startsWith('/api/events'))).toEqual([]);
    // Nor does it poll the changes feed (every answer would be 401).
    expect(proxy.log.filter((r) => r.path.startsWith('/api/orders/changes'))).toEqual([]);
  } finally {
    await proxy.close();
  }
});
