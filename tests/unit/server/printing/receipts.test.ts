// Receipts: the text preview at the printer's width, the same words on paper at the virtual printer, the
// total in the bytes and no raw UTF-8, POST …/print idempotent by id, 409 no_printer without one.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Order } from '../../../../protocol/order.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../../../server/printing/virtual-printer.ts';
import { OWNER_AUTH, createBody, memoryApp, postOrder, type TestApp } from '../order-fixtures.ts';
import { FAST_PRINTING, jobsOf, printerBody, putPrinter, sleep } from './printing-fixtures.ts';

let t: TestApp;
let till: VirtualPrinter;
let order: Order;

function print(orderId: string, body: object) {
  return t.app.inject({
    method: 'POST',
    url: `/api/orders/${orderId}/print`,
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

beforeAll(async () => {
  t = await memoryApp({ printing: FAST_PRINTING });
  till = await startVirtualPrinter();
  order = (await postOrder(t.app, createBody({ customerName: 'Señor Müller' }))).json<Order>();
}, 180_000);
afterAll(async () => {
  await t?.close();
  await till?.close();
});

describe('receipts', () => {
  it('without a receipt printer, printing answers 409 no_printer', async () => {
    const res = await print(order.id, { id: uuidv7(), kind: 'receipt' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('no_printer');
  });

  it('GET …/receipt answers the receipt as text at the asked width', async () => {
    const res = await t.app.inject({
      url: `/api/orders/${order.id}/receipt?columns=32`,
      headers: OWNER_AUTH,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(32);
    expect(res.body).toContain(`Order ${order.number}`);
    expect(res.body).toContain('Señor Müller');
    expect(res.body).toContain('2 x Flat white');
    expect(res.body).toContain('TOTAL');
    expect(res.body).toContain(order.id.slice(0, 20));
    const bad = await t.app.inject({
      url: `/api/orders/${order.id}/receipt?columns=40`,
      headers: OWNER_AUTH,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('prints the same words the preview shows, with the total, no raw UTF-8, once per request id', async () => {
    await putPrinter(
      t.app,
      'till',
      printerBody(till.port, { name: 'Till', kind: 'receipt', drawerKick: true }),
    );
    const id = uuidv7();
    const first = await print(order.id, { id, kind: 'receipt' });
    expect(first.statusCode).toBe(202);
    const again = await print(order.id, { id, kind: 'receipt' });
    expect(again.json<{ job: { id: string } }>().job.id).toBe(first.json<{ job: { id: string } }>().job.id);
    const [ticket] = await till.waitForTickets(1);
    await sleep(500);
    expect(till.tickets).toHaveLength(1);
    const preview = (
      await t.app.inject({ url: `/api/orders/${order.id}/receipt?columns=42`, headers: OWNER_AUTH })
    ).body;
    for (const line of preview
      .trimEnd()
      .split('\n')
      .filter((text) => !text.includes('TOTAL'))) {
      expect(ticket?.text).toContain(line.trim());
    }
    const total = (order.totalCents / 100).toFixed(2);
    expect(ticket?.text).toContain(total);
    expect(Buffer.from(ticket!.bytes).includes(Buffer.from(total))).toBe(true);
    expect(Buffer.from(ticket!.bytes).includes(Buffer.from('ñ', 'utf8'))).toBe(false);
    expect(Buffer.from(ticket!.bytes).includes(Buffer.from('€', 'utf8'))).toBe(false);
    expect(ticket?.text).toContain('€');
    expect(ticket?.text).toContain('Señor Müller');
    // No cash payment on this order: the drawer stays shut.
    expect(ticket?.drawerKick).toBe(false);
    expect((await jobsOf(t.app, 'till'))[0]).toMatchObject({ kind: 'receipt', state: 'done', attempts: 1 });
  });
});
