// Property: arbitrary bodies and header combinations sent to POST/PATCH never cause a 5xx, always
// answer with the API header, and never change the active list unless the request was valid.

import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import { CreateOrderBodySchema, PatchOrderBodySchema } from '../../../protocol/schemas.ts';
import { SAMPLE_MENU } from '../../../server/menu.ts';
import { prepareOrder } from '../../../server/prepare-order.ts';
import {
  OWNER_AUTH,
  createBody,
  memoryApp,
  postOrder,
  uuidv7,
  type TestApp,
  sampleMenuItem,
} from './order-fixtures.ts';

let t: TestApp;
let existing: Order;
beforeAll(async () => {
  t = await memoryApp();
  existing = (await postOrder(t.app, createBody())).json<Order>();
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function activeSnapshot(): Promise<string> {
  return (await t.app.inject({ url: '/api/orders?status=active', headers: OWNER_AUTH })).body;
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\u0000', '\uD800', 'a\uDC00b', '💥'.repeat(81)),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const line = fc.record(
  {
    menuItemId: fc.oneof(fc.constantFrom('flat-white', 'croissant', 'unicorn', ''), text),
    qty: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double(), text),
    note: text,
    // Part 3: mostly real groups and options of the sample, so some lines price and some are invalid_options.
    options: fc.oneof(
      fc.array(
        fc.record(
          {
            group: fc.oneof(fc.constantFrom('size', 'milk', 'extras', 'toppings', 'nope'), text),
            option: fc.oneof(fc.constantFrom('large', 'small', 'oat', 'extra-shot', 'feta', 'nope'), text),
            extra: scalar,
          },
          { requiredKeys: ['group', 'option'] },
        ),
        { maxLength: 35 },
      ),
      scalar,
    ),
    extra: scalar,
  },
  { requiredKeys: [] },
);
const createLike = fc.record(
  {
    id: fc.oneof(fc.uuid(), text),
    number: fc.oneof(fc.constantFrom('A-001', 'ZZZ-1234', 'a-1'), text),
    deviceId: fc.oneof(fc.uuid(), text),
    createdAt: fc.oneof(fc.constantFrom('2026-11-25T08:00:00Z', '2026-13-01T00:00:00Z'), text),
    customerName: fc.oneof(text, scalar),
    note: fc.oneof(text, scalar),
    items: fc.oneof(fc.array(line, { maxLength: 4 }), scalar),
    discount: fc.oneof(fc.constantFrom('staff', 'nope'), scalar),
    bogus: scalar,
  },
  { requiredKeys: [] },
);
const patchLike = fc.record(
  {
    status: fc.oneof(
      fc.constantFrom('pending', 'preparing', 'ready', 'completed', 'cancelled', 'done'),
      scalar,
    ),
    paid: scalar,
    discount: fc.oneof(fc.constantFrom('staff', 'nope', null), scalar),
    bogus: scalar,
  },
  { requiredKeys: [] },
);
const anyJson = fc.oneof(createLike, patchLike, fc.jsonValue(), fc.constant(undefined));
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);
const rawBody = fc.oneof(
  anyJson.map((value) => (value === undefined ? undefined : JSON.stringify(value))),
  fc.string({ maxLength: 30 }),
);

function headersFor(type: string | undefined, key: string | undefined): Record<string, string> {
  return {
    ...OWNER_AUTH,
    ...(type ? { 'content-type': type } : {}),
    ...(key !== undefined ? { 'idempotency-key': key } : {}),
  };
}

const SAMPLE_ORDER_MENU = {
  version: 1,
  pricesIncludeTax: SAMPLE_MENU.pricesIncludeTax ?? true,
  taxRates: SAMPLE_MENU.taxRates ?? [],
  optionGroups: SAMPLE_MENU.optionGroups ?? [],
  discounts: SAMPLE_MENU.discounts ?? [],
};

function isValidCreate(body: string | undefined, type: string | undefined, key: string | undefined): boolean {
  if (!body || !type?.startsWith('application/json')) return false;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return false;
  }
  const parsed = v.safeParse(CreateOrderBodySchema, value);
  return (
    parsed.success &&
    parsed.output.id === key?.toLowerCase() &&
    // Priced like the server at the seed: known items, options that fit, an active discount.
    prepareOrder(parsed.output, sampleMenuItem, SAMPLE_ORDER_MENU).ok &&
    // Version 1 (the seed) is the only menu these apps ever publish.
    (parsed.output.menuVersion ?? 1) === 1
  );
}

describe('arbitrary requests', () => {
  it('POST /api/orders never answers 5xx and only valid creates change the active list', async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        contentType,
        fc.option(fc.oneof(fc.uuid(), text), { nil: undefined }),
        async (body, type, key) => {
          // Half the time, make the key match the body id so deeper validation is reached.
          const parsedId = (() => {
            try {
              return (JSON.parse(body ?? '') as { id?: unknown }).id;
            } catch {
              return undefined;
            }
          })();
          const useKey =
            typeof parsedId === 'string' && key !== undefined && key.length % 2 === 0 ? parsedId : key;
          const before = await activeSnapshot();
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/orders',
            headers: headersFor(type, useKey),
            ...(body === undefined ? {} : { payload: body }),
          });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['x-orderline-api']).toBe('1');
          if (res.statusCode >= 400)
            expect(Object.keys(res.json<{ error: object }>().error)).toEqual(['code', 'message']);
          if (!isValidCreate(body, type, useKey)) expect(await activeSnapshot()).toBe(before);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  }, 300_000);

  it('PATCH /api/orders/:id never answers 5xx and invalid changes leave the active list alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        rawBody,
        contentType,
        fc.option(fc.oneof(fc.uuid(), text), { nil: undefined }),
        fc.oneof(fc.constant(existing.id), fc.uuid(), fc.string({ maxLength: 10 })),
        async (body, type, key, id) => {
          const before = await activeSnapshot();
          const res = await t.app.inject({
            method: 'PATCH',
            url: `/api/orders/${encodeURIComponent(id)}`,
            headers: headersFor(type, key ?? uuidv7()),
            ...(body === undefined ? {} : { payload: body }),
          });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['x-orderline-api']).toBe('1');
          let valid = res.statusCode === 200;
          if (body !== undefined && type?.startsWith('application/json')) {
            try {
              valid = valid && v.safeParse(PatchOrderBodySchema, JSON.parse(body)).success;
            } catch {
              valid = false;
            }
          }
          if (!valid) expect(await activeSnapshot()).toBe(before);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  }, 300_000);

  it('POST /api/batch never answers 5xx and answers every mutation, in order, with a status and body', async () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('create'), key: fc.oneof(fc.uuid(), text), body: anyJson }),
      // A valid create body under its own key, so the store is reached too.
      fc.constant(null).map(() => {
        const body = createBody();
        return { op: 'create', key: body.id, body };
      }),
      fc.record({
        op: fc.constant('patch'),
        key: fc.oneof(fc.uuid(), text),
        orderId: fc.oneof(fc.constant(existing.id), fc.uuid(), text),
        body: patchLike,
      }),
      fc.record({ op: fc.oneof(text, fc.constant('patch')), key: scalar }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(mutation, { maxLength: 6 }), scalar),
        contentType,
        async (mutations, type) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/batch',
            headers: headersFor(type, undefined),
            payload: JSON.stringify({ mutations }),
          });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['x-orderline-api']).toBe('1');
          if (res.statusCode !== 200) {
            expect(Object.keys(res.json<{ error: object }>().error)).toEqual(['code', 'message']);
            return;
          }
          const results = res.json<{ results: { status: number; error?: object }[] }>().results;
          expect(results).toHaveLength(Array.isArray(mutations) ? mutations.length : -1);
          for (const result of results) {
            expect(result.status).toBeLessThan(500);
            if (result.status >= 400) expect(Object.keys(result.error ?? {})).toEqual(['code', 'message']);
          }
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
  }, 300_000);
});

async function deviceSnapshot(): Promise<string> {
  return (await t.app.inject({ url: '/api/devices', headers: OWNER_AUTH })).body;
}

const pairingLike = fc.record(
  {
    code: fc.oneof(fc.constantFrom('ABCD-EFGH', 'abcdefgh', 'ILO0-1234', ''), text, scalar),
    name: fc.oneof(fc.constantFrom('Till', ' ', '\u202e'), text, scalar),
    deviceId: fc.oneof(fc.uuid(), text, scalar),
    role: fc.oneof(fc.constantFrom('owner', 'counter', 'kitchen', 'display', 'root'), text, scalar),
    bogus: scalar,
  },
  { requiredKeys: [] },
);
const deviceBody = fc.oneof(
  pairingLike.map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 30 }),
);

describe('arbitrary pairing and device requests', () => {
  it('POST /api/pair, POST /api/pairings and PATCH /api/devices/:id never answer 5xx; failures change no device', async () => {
    let client = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST /api/pair', 'POST /api/pairings', 'PATCH /api/devices/'),
        deviceBody,
        contentType,
        fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
        async (route, body, type, id) => {
          const [method, path] = route.split(' ') as ['POST' | 'PATCH', string];
          const before = await deviceSnapshot();
          client += 1;
          const res = await t.app.inject({
            method,
            url: path.endsWith('/') ? `${path}${encodeURIComponent(id)}` : path,
            // A new client address each run, so the failed-pairing limit never hides deeper validation.
            remoteAddress: `10.${(client >> 8) & 255}.${client & 255}.1`,
            headers: {
              ...(path === '/api/pair' ? {} : OWNER_AUTH),
              ...(type ? { 'content-type': type } : {}),
            },
            payload: body,
          });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['x-orderline-api']).toBe('1');
          if (res.statusCode >= 400) {
            expect(Object.keys(res.json<{ error: object }>().error)).toEqual(['code', 'message']);
            expect(await deviceSnapshot()).toBe(before);
          }
        },
      ),
      { numRuns: 300, seed: 20261201 },
    );
  }, 300_000);
});
