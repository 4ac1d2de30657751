// GET /api/orders/history and order_events: every status move and payment is recorded once (not on
// replays or no-ops), pages are stable while others write, search finds by any part of the number, the
// customer or an item.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_ROLE } from '../../../protocol/roles.ts';
import { ADMIN_DEVICE } from '../../../server/auth/authenticate.ts';
import { pairDevice } from './device-fixtures.ts';
import type { HistoryOrder, HistoryResponse } from '../../../protocol/history.ts';
import type { Order } from '../../../protocol/order.ts';
import {
  OWNER_AUTH,
  createBody,
  memoryApp,
  patchOrder,
  postOrder,
  uuidv7,
  type TestApp,
} from './order-fixtures.ts';

let t: TestApp;
/** The access each route declared, as the auth hook (auth-server branch) will read it. */
const declared = new Map<string, unknown>();
beforeAll(async () => {
  t = await memoryApp();
  t.app.addHook('onRequest', async (request) => {
    declared.set(`${request.method} ${request.routeOptions.url}`, request.routeOptions.config.access);
  });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function history(query: string): Promise<HistoryResponse> {
  const res = await t.app.inject({ url: `/api/orders/history?${query}`, headers: OWNER_AUTH });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<HistoryResponse>();
}

async function finishedOrder(
  overrides: Parameters<typeof createBody>[0] = {},
  final: 'completed' | 'cancelled' = 'completed',
) {
  const order = (await postOrder(t.app, createBody(overrides))).json<Order>();
  expect((await patchOrder(t.app, order.id, { status: final })).statusCode).toBe(200);
  return order;
}

/** Every page from the first, following nextCursor. */
async function allPages(
  query: string,
  between: () => Promise<void> = async () => {},
): Promise<HistoryOrder[]> {
  const seen: HistoryOrder[] = [];
  let cursor: string | null = null;
  do {
    const page: HistoryResponse = await history(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...page.orders);
    cursor = page.nextCursor;
    await between();
  } while (cursor);
  return seen;
}

describe('order events', () => {
  it('records the create, each status move and the payment, oldest first, and nothing for replays or no-ops', async () => {
    const body = createBody({ customerName: 'Evelyn Events' });
    const order = (await postOrder(t.app, body)).json<Order>();
    expect((await postOrder(t.app, body)).statusCode).toBe(200); // replayed create
    const key = uuidv7();
    await patchOrder(t.app, order.id, { status: 'preparing' }, key);
    await patchOrder(t.app, order.id, { status: 'preparing' }, key); // replayed PATCH
    await patchOrder(t.app, order.id, { status: 'pending' }); // stale: a no-op
    // A counter device takes the payment: the event names it, not the order's device.
    const counter = await pairDevice(t.app, 'counter');
    const paid = await t.app.inject({
      method: 'PATCH',
      url: `/api/orders/${order.id}`,
      headers: { ...counter.auth, 'content-type': 'application/json', 'idempotency-key': uuidv7() },
      payload: { paid: true },
    });
    expect(paid.statusCode).toBe(200);
    await patchOrder(t.app, order.id, { status: 'ready', paid: true });
    await patchOrder(t.app, order.id, { paid: true }); // already paid: a no-op
    await patchOrder(t.app, order.id, { status: 'completed' });

    const [found] = (await history('q=evelyn')).orders;
    expect(found?.id).toBe(order.id);
    expect(found?.events.map(({ status, paid, deviceId }) => ({ status, paid, deviceId }))).toEqual([
      { status: 'pending', paid: false, deviceId: ADMIN_DEVICE.id },
      { status: 'preparing', paid: false, deviceId: ADMIN_DEVICE.id },
      { status: 'preparing', paid: true, deviceId: counter.id },
      { status: 'ready', paid: true, deviceId: ADMIN_DEVICE.id },
      { status: 'completed', paid: true, deviceId: ADMIN_DEVICE.id },
    ]);
    const times = found?.events.map((event) => event.at) ?? [];
    expect(times[0]).toBe(order.receivedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('leaves no event behind when the change is refused', async () => {
    const order = await finishedOrder({ customerName: 'Rita Refused' }, 'cancelled');
    await patchOrder(t.app, order.id, { status: 'completed' }); // final orders never move
    const [found] = (await history('q=rita')).orders;
    expect(found?.events.map((event) => event.status)).toEqual(['pending', 'cancelled']);
  });
});

describe('GET /api/orders/history', () => {
  it('lists only finished orders, newest first', async () => {
    const active = (await postOrder(t.app, createBody({ customerName: 'Still Waiting' }))).json<Order>();
    const older = await finishedOrder({ createdAt: '2026-11-20T10:00:00.000Z', customerName: 'Order Older' });
    const newer = await finishedOrder(
      { createdAt: '2026-11-20T11:00:00.000Z', customerName: 'Order Newer' },
      'cancelled',
    );
    const ids = (await history('q=order')).orders.map((order) => order.id);
    expect(ids).toEqual([newer.id, older.id]);
    expect((await allPages('limit=200')).map((order) => order.id)).not.toContain(active.id);
  });

  it('finds by any part of the number, the customer name or an item, case-insensitively, wildcards taken literally', async () => {
    const byNumber = await finishedOrder({ number: 'QX-777', customerName: 'Nora Number' });
    const byName = await finishedOrder({ number: 'QY-001', customerName: 'Grace HOPPER' });
    const percent = await finishedOrder({ number: 'QZ-001', customerName: '100% Zed' });
    expect((await history('q=qx-7')).orders.map((order) => order.id)).toEqual([byNumber.id]);
    expect((await history('q=grace%20hop')).orders.map((order) => order.id)).toEqual([byName.id]);
    expect((await history('q=100%25')).orders.map((order) => order.id)).toEqual([percent.id]);
    // `%` and `_` match only themselves: only the name with a percent sign has one, nothing has an underscore.
    expect((await history(`q=${encodeURIComponent('%')}`)).orders.map((order) => order.id)).toEqual([
      percent.id,
    ]);
    expect((await history('q=_')).orders).toEqual([]);

    // The part a person reads off a ticket: "001" and "1" find QY-001; "777" finds QX-777 alone.
    const ids = async (q: string) =>
      (await history(`q=${encodeURIComponent(q)}&limit=200`)).orders.map((o) => o.id);
    expect(await ids('001')).toEqual(expect.arrayContaining([byName.id, percent.id]));
    expect(await ids('1')).toEqual(expect.arrayContaining([byName.id, percent.id]));
    expect(await ids('777')).toEqual([byNumber.id]);
    expect(await ids('hopper')).toEqual([byName.id]);

    // Items: a name or a note, in any case.
    const byItem = await finishedOrder({
      number: 'QW-950',
      customerName: 'Ivy Item',
      items: [{ menuItemId: 'mocha', qty: 1, note: 'Xyzzy foam' }],
    });
    expect(await ids('xyzzy')).toEqual([byItem.id]);
    expect(await ids('MOCHA')).toContain(byItem.id);
    expect(await ids('mocha')).not.toContain(byName.id);
  });

  it('filters by status and by a createdAt range', async () => {
    const inRange = await finishedOrder({
      createdAt: '2026-10-01T12:00:00.000Z',
      customerName: 'Fay Filter',
    });
    await finishedOrder({ createdAt: '2026-10-02T12:00:00.000Z', customerName: 'Fay Filter' });
    await finishedOrder({ createdAt: '2026-10-01T13:00:00.000Z', customerName: 'Fay Filter' }, 'cancelled');
    const found = await history('q=fay&status=completed&from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z');
    expect(found.orders.map((order) => order.id)).toEqual([inRange.id]);
  });

  it('pages through every finished order exactly once while another task writes', async () => {
    const before = new Set((await allPages('limit=200')).map((order) => order.id));
    for (let i = 0; i < 25; i++) await finishedOrder({ customerName: `Pager ${i}` });
    const existing = (await allPages('limit=200')).map((order) => order.id);
    // While pages are read, another task keeps finishing orders both newer and older than any page boundary.
    let n = 0;
    const writer = async () => {
      n += 1;
      await finishedOrder({ createdAt: new Date(Date.UTC(2026, 10, 25, 9, 0, 0, n)).toISOString() });
      await finishedOrder({ createdAt: new Date(Date.UTC(2001, 0, 1, 0, 0, 0, n)).toISOString() });
    };
    let paging = true;
    let wrote = () => {};
    const writing = (async () => {
      while (paging) {
        await writer();
        wrote();
      }
    })();
    // Each next page is read only after the writer committed more: the interleaving is certain.
    const nextWrite = () => new Promise<void>((resolve) => (wrote = resolve));
    const seen = (await allPages('limit=7', nextWrite)).map((order) => order.id);
    paging = false;
    await writing;
    expect(n).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of existing) expect(seen).toContain(id);
    expect(existing.length).toBeGreaterThan(before.size);
  });

  it('answers 400 invalid_query for a bad limit, status, time or cursor', async () => {
    for (const query of [
      'limit=0',
      'limit=201',
      'limit=ten',
      'status=pending',
      'from=yesterday',
      'to=2026-02-30T00:00:00Z',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from('["2026-01-01T00:00:00.000Z"]').toString('base64url')}`,
      'q=a&q=b',
      'bogus=1',
    ]) {
      const res = await t.app.inject({ url: `/api/orders/history?${query}`, headers: OWNER_AUTH });
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code, query).toBe('invalid_query');
    }
  });
});

describe('route access', () => {
  it('lets owner and counter read history, only the owner read the report and the fleet, any device report telemetry', async () => {
    for (const url of ['/api/orders/history', '/api/reports/day', '/api/telemetry/devices'])
      await t.app.inject({ url, headers: OWNER_AUTH });
    await t.app.inject({ method: 'POST', url: '/api/telemetry', headers: OWNER_AUTH, payload: {} });
    expect(Object.fromEntries(declared)).toMatchObject({
      'GET /api/orders/history': ['owner', 'counter'],
      'GET /api/reports/day': ['owner'],
      'GET /api/telemetry/devices': ['owner'],
      'POST /api/telemetry': ANY_ROLE,
    });
  });
});
