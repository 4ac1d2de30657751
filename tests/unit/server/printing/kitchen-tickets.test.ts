// Kitchen tickets against the virtual printer on loopback: one ticket per created order on each kitchen
// printer whose categories meet its lines, nothing on a replay, a CANCELLED slip on cancel.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Order } from '../../../../protocol/order.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../../../server/printing/virtual-printer.ts';
import { OWNER_AUTH, createBody, memoryApp, postOrder, type TestApp } from '../order-fixtures.ts';
import { FAST_PRINTING, jobsOf, printerBody, putPrinter, sleep, until } from './printing-fixtures.ts';

let t: TestApp;
let bar: VirtualPrinter;
let bakery: VirtualPrinter;

beforeAll(async () => {
  t = await memoryApp({ printing: FAST_PRINTING });
  bar = await startVirtualPrinter();
  bakery = await startVirtualPrinter();
  const menu = (await t.app.inject({ url: '/api/menu', headers: OWNER_AUTH })).json<{
    items: Array<{ id: string; category: string }>;
  }>();
  const category = (id: string) => menu.items.find((item) => item.id === id)?.category ?? '';
  await putPrinter(
    t.app,
    'bar',
    printerBody(bar.port, { name: 'Bar', categories: [category('flat-white')] }),
  );
  await putPrinter(
    t.app,
    'bakery',
    printerBody(bakery.port, { name: 'Bakery', categories: [category('croissant')] }),
  );
}, 180_000);
afterAll(async () => {
  await t?.close();
  await bar?.close();
  await bakery?.close();
});

describe('kitchen tickets', () => {
  it('a created order prints its own lines on each kitchen printer, large, with notes and the job id', async () => {
    const body = createBody({ customerName: 'Zoë' });
    expect((await postOrder(t.app, body)).statusCode).toBe(201);
    const [barTicket] = await bar.waitForTickets(1);
    const [bakeryTicket] = await bakery.waitForTickets(1);
    expect(barTicket?.initialized).toBe(true);
    expect(barTicket?.text).toContain('2 x Flat white');
    expect(barTicket?.text).not.toContain('Croissant');
    expect(barTicket?.text).toContain('Zoë');
    expect(bakeryTicket?.text).toContain('1 x Butter croissant');
    expect(bakeryTicket?.text).toContain('! warm');
    expect(bakeryTicket?.lines.find((line) => line.text.includes('croissant'))?.large).toBe(true);
    const [job] = await jobsOf(t.app, 'bar');
    expect(barTicket?.text).toContain(`job ${job?.id.replace(/-/g, '').slice(-8).toUpperCase()}`);
    await until(async () => (await jobsOf(t.app, 'bar'))[0]?.state === 'done', 5000, 'job done');
  });

  it('a replayed create prints nothing more', async () => {
    const body = createBody();
    expect((await postOrder(t.app, body)).statusCode).toBe(201);
    await bar.waitForTickets(2);
    expect((await postOrder(t.app, body)).statusCode).toBe(200);
    expect((await postOrder(t.app, body)).statusCode).toBe(200);
    await sleep(800);
    expect(bar.tickets).toHaveLength(2);
    expect((await jobsOf(t.app, 'bar')).filter((job) => job.kind === 'kitchen')).toHaveLength(2);
  });

  it('cancelling an active order prints a CANCELLED slip', async () => {
    const body = createBody();
    await postOrder(t.app, body);
    await bar.waitForTickets(3);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/orders/${body.id}`,
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': uuidv7() },
      payload: JSON.stringify({ status: 'cancelled' }),
    });
    expect(res.json<Order>().status).toBe('cancelled');
    const tickets = await bar.waitForTickets(4);
    expect(tickets[3]?.text).toContain('CANCELLED');
    expect(tickets[3]?.text).toContain(body.number);
  });
});
