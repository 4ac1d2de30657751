// Property: arbitrary bodies, ids, content types and queries sent to every printing route never cause a
// 5xx, always carry the API header and error shape, and only a valid PUT changes the printers. A public
// host is always refused (nothing here ever connects anywhere: printing is off in this app).

import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterBodySchema } from '../../../../protocol/printer-schema.ts';
import type { Order } from '../../../../protocol/order.ts';
import { OWNER_AUTH, createBody, memoryApp, postOrder, type TestApp } from '../order-fixtures.ts';
import { printerBody } from './printing-fixtures.ts';

let t: TestApp;
let order: Order;
beforeAll(async () => {
  // No workers: the fuzzed printers point nowhere real, and a worker must never try them.
  t = await memoryApp({ printing: false });
  order = (await postOrder(t.app, createBody())).json<Order>();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('\u0000', '\uD800', '💥', '8.8.8.8', 'printer.local', '10.0.0.5', '::1', 'example.com'),
);
const scalar = fc.oneof(
  text,
  fc.integer({ min: -70_000, max: 70_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const printerLike = fc.record(
  {
    name: fc.oneof(text, scalar),
    host: fc.oneof(
      fc.constantFrom('127.0.0.1', '192.168.1.50', 'bar.local', '8.8.8.8', '172.32.0.1', 'localhost'),
      scalar,
    ),
    port: fc.oneof(fc.constantFrom(1, 9100, 65535, 0, 65536), scalar),
    columns: fc.oneof(fc.constantFrom(32, 42, 48, 40), scalar),
    kind: fc.oneof(fc.constantFrom('receipt', 'kitchen', 'label'), scalar),
    categories: fc.oneof(
      fc.array(fc.oneof(fc.constantFrom('coffee', 'food'), text), { maxLength: 3 }),
      scalar,
    ),
    drawerKick: scalar,
    bogus: scalar,
  },
  { requiredKeys: [] },
);
const printLike = fc.record(
  {
    id: fc.oneof(fc.uuid(), text),
    kind: fc.oneof(fc.constantFrom('receipt', 'kitchen'), scalar),
    printer: scalar,
  },
  { requiredKeys: [] },
);
const rawBody = fc.oneof(
  fc.oneof(printerLike, printLike, fc.jsonValue()).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 30 }),
  fc.constant(undefined),
);
const contentType = fc.constantFrom('application/json', 'text/plain', undefined);
const id = fc.oneof(
  fc.constantFrom('bar', 'till'),
  fc.uuid(),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const queryPart = fc.oneof(
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '&', '=', '32', '42', '41'),
);

function expectApiAnswer(res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }) {
  expect(res.statusCode).toBeLessThan(500);
  expect(res.headers['x-orderline-api']).toBe('1');
  if (res.statusCode >= 400)
    expect(Object.keys(res.json<{ error: object }>().error)).toEqual(['code', 'message']);
}

async function printersNow(): Promise<string> {
  return (await t.app.inject({ url: '/api/printers', headers: OWNER_AUTH })).body;
}

describe('printing routes under arbitrary input', () => {
  it('PUT /api/printers/:id never answers 5xx, refuses public hosts and writes only valid bodies', async () => {
    await fc.assert(
      fc.asyncProperty(id, rawBody, contentType, async (printerId, body, type) => {
        const before = await printersNow();
        const res = await t.app.inject({
          method: 'PUT',
          url: `/api/printers/${printerId}`,
          headers: { ...OWNER_AUTH, ...(type ? { 'content-type': type } : {}) },
          ...(body === undefined ? {} : { payload: body }),
        });
        expectApiAnswer(res);
        let valid = false;
        try {
          valid =
            type === 'application/json' && v.safeParse(PrinterBodySchema, JSON.parse(body ?? '')).success;
        } catch {
          valid = false;
        }
        if (res.statusCode === 200) expect(valid).toBe(true);
        else expect(await printersNow()).toBe(before);
        if (body?.includes('"host":"8.8.8.8"')) expect(res.statusCode).not.toBe(200);
      }),
      { numRuns: 200, seed: 20261206 },
    );
  }, 300_000);

  it('the other printing routes never answer 5xx', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/printers/till',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
      payload: JSON.stringify(printerBody(9, { kind: 'receipt', name: 'Till' })),
    });
    type Route = readonly ['GET' | 'POST' | 'DELETE', (pid: string, q: string) => string];
    const routes: Route[] = [
      ['POST', (pid: string) => `/api/printers/${pid}/test`],
      ['DELETE', (pid: string) => `/api/printers/${pid === 'till' ? 'gone' : pid}`],
      ['GET', (_pid: string, q: string) => `/api/print-jobs?printer=${q}&state=${q}`],
      ['DELETE', (pid: string) => `/api/print-jobs/${pid}`],
      [
        'GET',
        (pid: string, q: string) => `/api/orders/${pid === 'till' ? order.id : pid}/receipt?columns=${q}`,
      ],
      ['POST', (pid: string) => `/api/orders/${pid === 'till' ? order.id : pid}/print`],
    ];
    const route = fc.constantFrom(...routes);
    await fc.assert(
      fc.asyncProperty(
        route,
        id,
        queryPart,
        rawBody,
        contentType,
        async ([method, url], printerId, query, body, type) => {
          const res = await t.app.inject({
            method,
            url: url(printerId, query),
            headers: { ...OWNER_AUTH, ...(type && method === 'POST' ? { 'content-type': type } : {}) },
            ...(body === undefined || method !== 'POST' ? {} : { payload: body }),
          });
          expectApiAnswer(res);
        },
      ),
      { numRuns: 300, seed: 20261206 },
    );
  }, 300_000);
});
