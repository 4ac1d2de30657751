// Property: arbitrary bodies, keys and queries sent to the payment, refund, drawer and Z report routes (alone and
// as batch ops) never cause a 5xx, always answer the API's error shape, and write nothing unless they were valid.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import {
  cashBody,
  closeBody,
  moveBody,
  openBody,
  pay,
  paymentBody,
  refundBody,
  TILL_ID,
} from './money-fixtures.ts';
import { OWNER_AUTH, createBody, memoryApp, postOrder, uuidv7, type TestApp } from './order-fixtures.ts';

let t: TestApp;
let order: Order;
let paymentId = '';
beforeAll(async () => {
  t = await memoryApp();
  order = (await postOrder(t.app, createBody())).json<Order>();
  const payment = cashBody(500, 500);
  paymentId = payment.id;
  order = (await pay(t.app, order.id, payment)).json<Order>();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

/** Everything a money write could change: the order, the till's drawer and the Z reports. */
async function snapshot(): Promise<string> {
  const get = async (url: string) => (await t.app.inject({ url, headers: OWNER_AUTH })).body;
  return [
    await get(`/api/orders/${order.id}`),
    await get(`/api/drawer?deviceId=${TILL_ID}`),
    await get('/api/reports/z'),
  ].join('\n');
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('\u0000', '\uD800', 'a\uDC00b', '💥'.repeat(120), ''),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const cents = fc.oneof(
  fc.integer({ min: -5, max: 2_000 }),
  fc.constantFrom(0, 1.5, 10_000_001, 100_000_001, Number.MAX_SAFE_INTEGER),
  scalar,
);
const when = fc.oneof(
  fc.constantFrom(new Date().toISOString(), '2099-01-01T00:00:00Z', '1999-12-31T00:00:00Z'),
  text,
);
const id = fc.oneof(fc.uuid(), text);

/** Mostly well-formed bodies with one or two fields gone wrong, so both the checks and the store are reached. */
const moneyLike = fc.record(
  {
    id,
    method: fc.oneof(fc.constantFrom('cash', 'card', 'other', 'CASH'), scalar),
    amountCents: cents,
    tenderedCents: cents,
    tipCents: cents,
    // Read when drawn: the payment is made in beforeAll.
    paymentId: fc.oneof(
      fc.constant(null).map(() => paymentId),
      id,
    ),
    reason: fc.oneof(text, scalar),
    deviceId: fc.oneof(fc.constant(TILL_ID), id),
    createdAt: when,
    kind: fc.oneof(fc.constantFrom('in', 'out'), scalar),
    floatCents: cents,
    countedCents: cents,
    bogus: scalar,
  },
  { requiredKeys: [] },
);
const validBody = fc.constantFrom('payment', 'refund', 'open', 'move', 'close').map((kind) => {
  switch (kind) {
    case 'payment':
      return paymentBody({ amountCents: 1 });
    case 'refund':
      return refundBody(paymentId, 1);
    case 'open':
      return openBody(100);
    case 'move':
      return moveBody('in', 1);
    default:
      return closeBody(0);
  }
});
const body = fc.oneof(moneyLike, validBody, fc.jsonValue());
const DRAWER_ROUTES = ['/api/drawer/open', '/api/drawer/movements', '/api/drawer/close'] as const;

function expectApiAnswer(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) {
  expect(res.statusCode).toBeLessThan(500);
  expect(res.headers['x-orderline-api']).toBe('1');
  if (res.statusCode >= 400)
    expect(Object.keys((res.json() as { error: object }).error)).toEqual(['code', 'message']);
}

describe('arbitrary money requests', () => {
  it('POST payments, refunds and drawer intents never answer 5xx and write nothing when refused', async () => {
    const route = fc.constantFrom('payments', 'refunds', 'unknown-order', ...DRAWER_ROUTES);
    await fc.assert(
      fc.asyncProperty(route, body, fc.option(id, { nil: undefined }), async (where, payload, key) => {
        const url =
          where === 'payments' || where === 'refunds'
            ? `/api/orders/${order.id}/${where}`
            : where === 'unknown-order'
              ? `/api/orders/${uuidv7()}/payments`
              : where;
        const before = await snapshot();
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: {
            ...OWNER_AUTH,
            'content-type': 'application/json',
            ...(key ? { 'idempotency-key': key } : {}),
          },
          payload: JSON.stringify(payload),
        });
        expectApiAnswer(res);
        if (res.statusCode >= 400) expect(await snapshot()).toBe(before);
      }),
      { numRuns: 250, seed: 20261206 },
    );
  }, 300_000);

  it('POST /api/batch with money and drawer ops answers each op without a 5xx', async () => {
    const op = fc.record({
      op: fc.constantFrom('payment', 'refund', 'drawer-open', 'drawer-move', 'drawer-close'),
      key: id,
      orderId: fc.oneof(fc.constant(order.id), id),
      body,
    });
    // Half the ops carry their body's id as key, so they get past the key check.
    // Drawer ops carry no orderId (the envelope refuses one).
    const keyed = op.map(({ orderId, ...m }) => {
      const own = (m.body as { id?: unknown } | null)?.id;
      const withKey = typeof own === 'string' && m.key.length % 2 === 0 ? { ...m, key: own } : m;
      return m.op === 'payment' || m.op === 'refund' ? { ...withKey, orderId } : withKey;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(keyed, { minLength: 1, maxLength: 5 }), async (mutations) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/batch',
          headers: OWNER_AUTH,
          payload: { mutations },
        });
        expectApiAnswer(res);
        const results = res.json<{ results: { status: number; error?: object }[] }>().results;
        expect(results).toHaveLength(mutations.length);
        for (const result of results) {
          expect(result.status).toBeLessThan(500);
          if (result.status >= 400) expect(Object.keys(result.error ?? {})).toEqual(['code', 'message']);
        }
      }),
      { numRuns: 150, seed: 20261206 },
    );
  }, 300_000);

  it('GET /api/drawer and the Z report routes never answer 5xx', async () => {
    const pair = fc.tuple(
      fc.constantFrom('deviceId', 'from', 'to', 'format', 'x'),
      fc.oneof(text, fc.uuid(), when),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/drawer', '/api/reports/z', '/api/reports/z/'),
        fc.array(pair, { maxLength: 3 }),
        fc.oneof(
          text.filter((s) => s.isWellFormed()),
          fc.integer().map(String),
        ),
        async (path, pairs, tail) => {
          const query = new URLSearchParams(pairs).toString();
          const url = path.endsWith('/') ? `${path}${encodeURIComponent(tail)}` : `${path}?${query}`;
          expectApiAnswer(await t.app.inject({ url, headers: OWNER_AUTH }));
        },
      ),
      { numRuns: 200, seed: 20261206 },
    );
  }, 300_000);
});
