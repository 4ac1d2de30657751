// A display device reads what the Ready board shows (issue 26): an active order's number and first name, no
// notes, and nothing personal of a finished order, through GET /api/orders/:id, the active list, the changes
// feed and the event stream alike. Other roles see orders whole.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesResponse, PushEventData } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import { pairDevice, type PairedDevice } from './device-fixtures.ts';
import { listeningMemoryApp, type ListeningApp } from './listening-app.ts';
import { OWNER_AUTH, createBody, postOrder } from './order-fixtures.ts';

let t: ListeningApp;
let display: PairedDevice;
let counter: PairedDevice;

beforeAll(async () => {
  t = await listeningMemoryApp();
  display = await pairDevice(t.app, 'display');
  counter = await pairDevice(t.app, 'counter');
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function placed(): Promise<Order> {
  const body = createBody({
    customerName: 'Ada Lovelace',
    note: 'allergy: nuts, call 0170 1234567',
    items: [{ menuItemId: 'flat-white', qty: 1, note: 'for Ada at table 4' }],
  });
  const res = await postOrder(t.app, body);
  expect(res.statusCode).toBe(201);
  return res.json<Order>();
}

async function finish(order: Order): Promise<Order> {
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/orders/${order.id}`,
    headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    payload: { status: 'completed' },
  });
  expect(res.statusCode).toBe(200);
  return res.json<Order>();
}

function personal(order: Order) {
  return { name: order.customerName, note: order.note, itemNotes: order.items.map((item) => item.note) };
}

const FINISHED_FOR_DISPLAY = { name: '', note: '', itemNotes: [''] };
const ACTIVE_FOR_DISPLAY = { name: 'Ada', note: '', itemNotes: [''] };

describe('a display reads only what the board shows', () => {
  it('GET /api/orders/:id: first name of an active order, nothing personal of a finished one', async () => {
    const active = await placed();
    const get = (id: string, headers: Record<string, string>) =>
      t.app.inject({ url: `/api/orders/${id}`, headers }).then((res) => res.json<Order>());
    expect(personal(await get(active.id, display.auth))).toEqual(ACTIVE_FOR_DISPLAY);
    await finish(active);
    const seen = await get(active.id, display.auth);
    expect(personal(seen)).toEqual(FINISHED_FOR_DISPLAY);
    expect([seen.number, seen.status]).toEqual([active.number, 'completed']);
    expect(personal(await get(active.id, counter.auth)).name).toBe('Ada Lovelace');
  });

  it('the changes feed and the active list', async () => {
    const finished = await finish(await placed());
    const active = await placed();
    const feed = (
      await t.app.inject({ url: `/api/orders/changes?since=${finished.seq - 1}`, headers: display.auth })
    ).json<ChangesResponse>();
    const byId = new Map(feed.orders.map((order) => [order.id, order]));
    expect(personal(byId.get(finished.id)!)).toEqual(FINISHED_FOR_DISPLAY);
    expect(personal(byId.get(active.id)!)).toEqual(ACTIVE_FOR_DISPLAY);
    const list = (await t.app.inject({ url: '/api/orders?status=active', headers: display.auth })).json<{
      orders: Order[];
    }>();
    expect(list.orders.length).toBeGreaterThan(0);
    for (const order of list.orders) expect(personal(order)).toEqual(ACTIVE_FOR_DISPLAY);
  });

  it('the event stream, live and replayed', async () => {
    const before = await placed();
    const stream = await t.openEvents({ ...display.auth, 'last-event-id': String(before.seq - 1) });
    const done = await finish(before);
    const event = await stream.waitFor(
      (e) =>
        e.event === 'orders' && (JSON.parse(e.data) as PushEventData).orders.some((o) => o.seq === done.seq),
    );
    const orders = stream.events
      .filter((e) => e.event === 'orders')
      .flatMap((e) => (JSON.parse(e.data) as PushEventData).orders);
    expect(orders.map(personal)).toContainEqual(ACTIVE_FOR_DISPLAY);
    const live = (JSON.parse(event.data) as PushEventData).orders.find((o) => o.seq === done.seq)!;
    expect(personal(live)).toEqual(FINISHED_FOR_DISPLAY);
    for (const order of orders) expect(order.customerName).not.toContain('Lovelace');
  });
});
