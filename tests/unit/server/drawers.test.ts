// Cash drawers and Z reports (DESIGN.md Part 3, principle 22): open, paid in/out, close → the Z report with its
// arithmetic, replays, implicit opens, gapless numbers under concurrent closes, and the batch ops.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResponse } from '../../../protocol/api.ts';
import type { Drawer, ZReport } from '../../../protocol/drawer.ts';
import type { Order } from '../../../protocol/order.ts';
import { pairDevice, type PairedDevice } from './device-fixtures.ts';
import {
  cashBody,
  closeBody,
  moveBody,
  openBody,
  pay,
  paymentBody,
  post,
  refund,
  refundBody,
  TILL_ID,
} from './money-fixtures.ts';
import { OWNER_AUTH, createBody, memoryApp, postOrder, uuidv7, type TestApp } from './order-fixtures.ts';

let t: TestApp;
let counter: PairedDevice;
beforeAll(async () => {
  t = await memoryApp();
  counter = await pairDevice(t.app, 'counter', { name: 'Front till' });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function newOrder(): Promise<Order> {
  return (await postOrder(t.app, createBody())).json<Order>();
}

async function drawerOf(deviceId: string, headers: Record<string, string> = OWNER_AUTH) {
  return t.app.inject({ url: `/api/drawer?deviceId=${deviceId}`, headers });
}

describe('cash drawer', () => {
  it('counts float, cash taken, cash refunded and movements; the Z report says the difference', async () => {
    const dev = counter.id;
    const h = counter.auth;
    const opened = await post(t.app, '/api/drawer/open', openBody(10_000, { deviceId: dev }), h);
    expect(opened.statusCode).toBe(201);
    expect(opened.json<{ drawer: Drawer }>().drawer).toMatchObject({
      floatCents: 10_000,
      expectedCents: 10_000,
    });
    const again = await post(t.app, '/api/drawer/open', openBody(5, { deviceId: dev }), h);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'drawer_already_open']);

    const order = await newOrder();
    const cash = cashBody(1_200, 2_000, { deviceId: dev });
    expect((await pay(t.app, order.id, cash, h)).statusCode).toBe(201);
    await pay(t.app, order.id, paymentBody({ deviceId: dev, amountCents: 700, tipCents: 100 }), h);
    await refund(t.app, order.id, refundBody(cash.id, 200, { deviceId: dev }));
    await post(t.app, '/api/drawer/movements', moveBody('in', 500, { deviceId: dev }), h);
    const out = await post(t.app, '/api/drawer/movements', moveBody('out', 300, { deviceId: dev }), h);
    expect(out.statusCode).toBe(201);
    // 10,000 + 1,200 − 200 + 500 − 300
    expect(out.json<{ drawer: Drawer }>().drawer.expectedCents).toBe(11_200);
    expect((await drawerOf(dev, h)).json<{ drawer: Drawer }>().drawer.expectedCents).toBe(11_200);

    const close = closeBody(11_150, { deviceId: dev });
    const closed = await post(t.app, '/api/drawer/close', close, h);
    expect(closed.statusCode).toBe(201);
    const report = closed.json<{ report: ZReport }>().report;
    expect(report).toMatchObject({
      deviceId: dev,
      deviceName: 'Front till',
      floatCents: 10_000,
      openedImplicitly: false,
      cash: {
        salesCents: 1_200,
        refundsCents: 200,
        paidInCents: 500,
        paidOutCents: 300,
        expectedCents: 11_200,
        countedCents: 11_150,
        differenceCents: -50,
      },
    });
    expect(report.byMethod).toEqual([
      { method: 'cash', count: 1, amountCents: 1_200, tipsCents: 0, refundsCents: 200 },
      { method: 'card', count: 1, amountCents: 700, tipsCents: 100, refundsCents: 0 },
      { method: 'other', count: 0, amountCents: 0, tipsCents: 0, refundsCents: 0 },
    ]);
    expect(report.movements.map((m) => [m.kind, m.amountCents])).toEqual([
      ['in', 500],
      ['out', 300],
    ]);
    // A replay answers the same report; another body under the id is refused; the drawer is gone.
    const replay = await post(t.app, '/api/drawer/close', close, h);
    expect(replay.statusCode).toBe(200);
    expect(replay.json<{ report: ZReport }>().report).toEqual(report);
    const mismatch = await post(t.app, '/api/drawer/close', { ...close, countedCents: 1 }, h);
    expect([mismatch.statusCode, mismatch.json().error.code]).toEqual([422, 'idempotency_mismatch']);
    expect((await drawerOf(dev, h)).json()).toEqual({ drawer: null });
    const stored = await t.app.inject({ url: `/api/reports/z/${report.number}`, headers: OWNER_AUTH });
    expect(stored.json<ZReport>()).toEqual(report);
    // A counter never reads Z reports.
    expect((await t.app.inject({ url: `/api/reports/z/${report.number}`, headers: h })).statusCode).toBe(403);
  });

  it('a cash payment with no open drawer opens one at float 0, flagged on the report', async () => {
    const dev = uuidv7();
    const order = await newOrder();
    await pay(t.app, order.id, cashBody(400, 400, { deviceId: dev }));
    const drawer = (await drawerOf(dev)).json<{ drawer: Drawer }>().drawer;
    expect(drawer).toMatchObject({ floatCents: 0, openedImplicitly: true, expectedCents: 400 });
    const closed = await post(t.app, '/api/drawer/close', closeBody(400, { deviceId: dev }));
    expect(closed.json<{ report: ZReport }>().report).toMatchObject({
      openedImplicitly: true,
      cash: { expectedCents: 400, differenceCents: 0 },
    });
  });

  it('refuses bad input and intents without an open drawer, writing nothing', async () => {
    const dev = uuidv7();
    const cases: [string, unknown, number, string][] = [
      ['/api/drawer/open', openBody(-1, { deviceId: dev }), 400, 'invalid_body'],
      ['/api/drawer/open', openBody(1.5, { deviceId: dev }), 400, 'invalid_body'],
      ['/api/drawer/movements', moveBody('in', 0, { deviceId: dev }), 400, 'invalid_body'],
      [
        '/api/drawer/movements',
        { ...moveBody('in', 5, { deviceId: dev }), kind: 'sideways' },
        400,
        'invalid_body',
      ],
      ['/api/drawer/movements', moveBody('in', 5, { deviceId: dev, reason: '' }), 400, 'invalid_body'],
      ['/api/drawer/movements', moveBody('out', 5, { deviceId: dev }), 409, 'no_open_drawer'],
      ['/api/drawer/close', closeBody(0, { deviceId: dev }), 409, 'no_open_drawer'],
      ['/api/drawer/close', { ...closeBody(0, { deviceId: dev }), extra: true }, 400, 'invalid_body'],
    ];
    for (const [url, body, status, code] of cases) {
      const res = await post(t.app, url, body);
      expect([res.statusCode, res.json().error.code], `${url} ${JSON.stringify(body)}`).toEqual([
        status,
        code,
      ]);
    }
    expect((await drawerOf(dev)).json()).toEqual({ drawer: null });
    const other = await post(t.app, '/api/drawer/open', openBody(0, { deviceId: TILL_ID }), counter.auth);
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'device_mismatch']);
    expect((await drawerOf(TILL_ID, counter.auth)).statusCode).toBe(403);
    expect((await drawerOf(counter.id, counter.auth)).statusCode).toBe(200);
  });

  it('numbers concurrent closes 1, 2, 3 … without a gap or a duplicate', async () => {
    const devices = Array.from({ length: 12 }, () => uuidv7());
    for (const dev of devices) await post(t.app, '/api/drawer/open', openBody(100, { deviceId: dev }));
    const closes = await Promise.all(
      devices.map((dev) => post(t.app, '/api/drawer/close', closeBody(100, { deviceId: dev }))),
    );
    expect(closes.map((r) => r.statusCode)).toEqual(devices.map(() => 201));
    const list = await t.app.inject({ url: '/api/reports/z', headers: OWNER_AUTH });
    const numbers = list.json<{ reports: ZReport[] }>().reports.map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(numbers.length).toBeGreaterThanOrEqual(devices.length);
    const csv = await t.app.inject({ url: '/api/reports/z?format=csv&from=2000-01-01', headers: OWNER_AUTH });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\r\n')).toHaveLength(numbers.length + 1);
    const bad = await t.app.inject({ url: '/api/reports/z?from=yesterday', headers: OWNER_AUTH });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_query']);
    expect((await t.app.inject({ url: '/api/reports/z/0', headers: OWNER_AUTH })).statusCode).toBe(404);
  });

  it('batch ops answer exactly as the lone requests, in order', async () => {
    const dev = uuidv7();
    const order = await newOrder();
    const cash = cashBody(900, 1_000, { deviceId: dev });
    const open = openBody(1_000, { deviceId: dev });
    const move = moveBody('out', 100, { deviceId: dev });
    const close = closeBody(1_800, { deviceId: dev });
    const mutations = [
      { op: 'drawer-open', key: open.id, body: open },
      { op: 'payment', key: cash.id, orderId: order.id, body: cash },
      { op: 'drawer-move', key: move.id, body: move },
      { op: 'refund', key: uuidv7(), orderId: order.id, body: refundBody(cash.id, 1) },
      { op: 'drawer-close', key: close.id, body: close },
      { op: 'drawer-close', key: uuidv7(), body: closeBody(0, { deviceId: dev }) },
    ];
    const send = () =>
      t.app.inject({ method: 'POST', url: '/api/batch', headers: OWNER_AUTH, payload: { mutations } });
    const res = await send();
    const results = res.json<BatchResponse>().results;
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 400, 201, 400]);
    expect(results[0]?.drawer?.floatCents).toBe(1_000);
    expect(results[1]?.order?.paidCents).toBe(900);
    expect(results[2]?.drawer?.expectedCents).toBe(1_800);
    expect(results[3]?.error?.code).toBe('invalid_idempotency_key');
    expect(results[4]?.report?.cash).toMatchObject({ expectedCents: 1_800, differenceCents: 0 });
    // The whole batch again: every op a replay (the last close still has no drawer: its key is wrong).
    const replay = (await send()).json<BatchResponse>().results;
    expect(replay.map((r) => r.status)).toEqual([200, 200, 200, 400, 200, 400]);
    expect(replay[4]?.report).toEqual(results[4]?.report);
  });
});
