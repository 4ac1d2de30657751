// GET /api/reports/day against hand-computed fixtures: a normal day and the 25-hour day in Europe/Berlin,
// an order cancelled after payment, orders just before and after local midnight, active unpaid orders; the
// CSVs (orders, items: one table each) read back to the same numbers with formulas defused; bad queries are 400.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayReport, DayReportHour } from '../../../protocol/day-report.ts';
import type { Order } from '../../../protocol/order.ts';
import type { CreateOrderBody } from '../../../protocol/schemas.ts';
import { buildApp } from '../../../server/app.ts';
import { openMemoryStore } from './memory-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import { centsAsDecimal, csvCell, localTimestamp } from '../../../server/day-report-csv.ts';
import { currencyDigits } from '../../../protocol/currency-digits.ts';
import { parseCsv } from './csv-parse.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, createBody, patchOrder, postOrder } from './order-fixtures.ts';

let store: OrderStore;
let app: Awaited<ReturnType<typeof buildApp>>;
/** The server clock: event times (and so prep times) follow it. */
let clock = new Date('2026-06-10T06:00:00.000Z');
const at = (iso: string) => {
  clock = new Date(iso);
};

type Step = { at: string; patch: { status?: Order['status']; paid?: true } };

/** Creates an order at server time `receivedAt`, then applies each step at its own server time. */
async function seed(body: Partial<CreateOrderBody>, receivedAt: string, steps: Step[] = []): Promise<Order> {
  at(receivedAt);
  const res = await postOrder(app, createBody(body));
  expect(res.statusCode, res.body).toBe(201);
  const order = res.json<Order>();
  for (const step of steps) {
    at(step.at);
    expect((await patchOrder(app, order.id, step.patch)).statusCode).toBe(200);
  }
  return order;
}

const line = (menuItemId: string, qty = 1) => ({ menuItemId, qty });

beforeAll(async () => {
  store = await openMemoryStore({ now: () => clock });
  app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
  });

  // 2026-06-10 in Berlin (CEST, UTC+2): the local day is 2026-06-09T22:00Z .. 2026-06-10T22:00Z.
  const t = '2026-06-10T';
  await seed(
    { number: 'N-001', createdAt: '2026-06-09T21:59:59.999Z', items: [line('mocha')] },
    `${t}05:00:00.000Z`,
    [{ at: `${t}05:01:00.000Z`, patch: { status: 'completed', paid: true } }],
  );
  await seed(
    { number: 'N-002', createdAt: '2026-06-09T22:00:00.000Z', items: [line('flat-white', 2)] },
    `${t}06:00:00.000Z`,
    [
      { at: `${t}06:02:00.000Z`, patch: { status: 'ready' } }, // prep 120 s
      { at: `${t}06:03:00.000Z`, patch: { status: 'completed', paid: true } },
    ],
  );
  await seed(
    { number: 'N-003', createdAt: `${t}07:30:00.000Z`, items: [line('croissant'), line('espresso')] },
    `${t}07:30:00.000Z`,
    [
      { at: `${t}07:31:00.000Z`, patch: { status: 'preparing' } },
      { at: `${t}07:35:00.000Z`, patch: { status: 'ready' } }, // prep 300 s
      { at: `${t}07:36:00.000Z`, patch: { status: 'completed' } }, // never paid
    ],
  );
  await seed(
    { number: 'N-004', createdAt: `${t}07:45:00.000Z`, items: [line('avocado-toast')] },
    `${t}07:45:00.000Z`,
    [
      { at: `${t}07:45:10.000Z`, patch: { paid: true } },
      { at: `${t}07:50:00.000Z`, patch: { status: 'cancelled' } }, // cancelled after payment
    ],
  );
  await seed(
    { number: 'N-005', createdAt: `${t}12:00:00.000Z`, items: [line('latte')] },
    `${t}12:00:00.000Z`,
  ); // pending
  await seed(
    { number: 'N-006', createdAt: `${t}21:59:59.999Z`, items: [line('flat-white')] },
    `${t}21:50:00.000Z`,
    [
      { at: `${t}22:00:00.000Z`, patch: { status: 'ready', paid: true } }, // prep 600 s
      { at: `${t}22:01:00.000Z`, patch: { status: 'completed' } },
    ],
  );
  await seed(
    { number: 'N-007', createdAt: '2026-06-10T22:00:00.000Z', items: [line('mocha')] },
    `${t}22:00:00.000Z`,
    [{ at: `${t}22:05:00.000Z`, patch: { status: 'completed', paid: true } }],
  );

  // 2026-10-25 in Berlin: clocks go back at 03:00 CEST to 02:00 CET, so the day has 25 hours,
  // 2026-10-24T22:00Z .. 2026-10-25T23:00Z, and the local hour 2 happens twice (00:00Z and 01:00Z).
  const done = (iso: string, paid: boolean): Step[] => [
    { at: iso, patch: paid ? { status: 'completed', paid: true } : { status: 'completed' } },
  ];
  await seed(
    { number: 'D-001', createdAt: '2026-10-25T00:30:00.000Z', items: [line('espresso')] },
    '2026-10-25T00:30:00.000Z',
    done('2026-10-25T00:31:00.000Z', true),
  );
  await seed(
    { number: 'D-002', createdAt: '2026-10-25T01:30:00.000Z', items: [line('mocha')] },
    '2026-10-25T01:30:00.000Z',
    done('2026-10-25T01:31:00.000Z', false),
  );
  await seed(
    { number: 'D-003', createdAt: '2026-10-25T22:59:59.999Z', items: [line('cappuccino')] },
    '2026-10-25T23:00:00.000Z',
    done('2026-10-25T23:01:00.000Z', true),
  );
  await seed(
    { number: 'D-004', createdAt: '2026-10-24T21:59:59.999Z', items: [line('cappuccino')] },
    '2026-10-24T22:00:00.000Z',
    done('2026-10-24T22:01:00.000Z', true),
  );

  // 2026-06-12: customers whose names a spreadsheet would run as formulas.
  for (const [i, customerName] of [
    '=1+1',
    '+cmd|/c calc',
    '-2',
    '@SUM(A1)',
    '=HYPERLINK("http://x.test","a, b")',
  ].entries()) {
    await seed(
      {
        number: `F-00${i}`,
        createdAt: `2026-06-12T10:0${i}:00.000Z`,
        customerName,
        items: [line('espresso')],
      },
      `2026-06-12T10:0${i}:00.000Z`,
    );
  }
}, 180_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
});

async function report(query: string) {
  return app.inject({ url: `/api/reports/day?${query}`, headers: OWNER_AUTH });
}

/** byHour of a day with no orders in `hours` except the listed slots. */
function hoursWith(
  hours: number[],
  starts: string[],
  filled: Record<number, { orders: number; revenueCents: number }>,
): DayReportHour[] {
  return hours.map((hour, slot) => ({
    hour,
    start: starts[slot] ?? 'missing',
    ...(filled[slot] ?? { orders: 0, revenueCents: 0 }),
  }));
}

function hourStarts(fromIso: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(fromIso) + i * 3_600_000).toISOString());
}

/**
 * The Parts 1-2 report as computed by hand, and its Part 3 fields (day-report-pricing.ts): the sample's
 * rates are 0 %, so the taxes' gross is the revenue plus the still-active orders' totals (`activeCents`);
 * no discounts or options in these orders.
 */
function expectReport(actual: DayReport, expected: DayReport, activeCents = 0): void {
  const { taxes, discountsCents, options, payments, refundDueCents, ...rest } = actual;
  expect(rest).toEqual(expected);
  // Part 3 money (day-report-payments.ts): every method listed; these orders were paid by PATCH, today.
  expect(payments?.map((p) => p.method)).toEqual(['cash', 'card', 'other']);
  expect(refundDueCents).toBeGreaterThanOrEqual(0);
  expect(discountsCents).toBe(0);
  expect(options).toEqual([]);
  expect(taxes?.every((tax) => tax.taxCents === 0)).toBe(true);
  expect(taxes?.reduce((sum, tax) => sum + tax.grossCents, 0)).toBe(expected.revenueCents + activeCents);
}

describe('GET /api/reports/day', () => {
  it('reports a normal Berlin day as computed by hand', async () => {
    const res = await report('date=2026-06-10&tz=Europe/Berlin');
    expect(res.statusCode, res.body).toBe(200);
    const expected: DayReport = {
      date: '2026-06-10',
      tz: 'Europe/Berlin',
      currency: 'EUR',
      orders: 5, // N-002 … N-006
      active: 1, // N-005, pending
      completed: 3, // N-002, N-003, N-006
      cancelled: 1, // N-004, paid before it was cancelled: no money counted
      revenueCents: 760 + 530 + 380,
      paidCents: 760 + 380,
      unpaidCents: 530,
      unpaidOrders: 2, // N-003 (completed, never paid) and N-005 (pending, unpaid); N-004 is cancelled
      activeUnpaidCents: 390, // N-005
      items: [
        { menuItemId: 'flat-white', name: 'Flat white', qty: 3, revenueCents: 1140 },
        { menuItemId: 'croissant', name: 'Butter croissant', qty: 1, revenueCents: 280 },
        { menuItemId: 'espresso', name: 'Espresso', qty: 1, revenueCents: 250 },
      ],
      byHour: hoursWith(
        Array.from({ length: 24 }, (_, h) => h),
        hourStarts('2026-06-09T22:00:00.000Z', 24),
        {
          0: { orders: 1, revenueCents: 760 },
          9: { orders: 2, revenueCents: 530 },
          14: { orders: 1, revenueCents: 0 },
          23: { orders: 1, revenueCents: 380 },
        },
      ),
      // 120, 300 and 600 s; percentile_cont: p90 = 300 + 0.8 × (600 − 300).
      prepSeconds: { p50: 300, p90: 540 },
    };
    // Taxes count every non-cancelled order (DESIGN Part 3): the completed ones plus N-005, pending (390).
    expectReport(res.json<DayReport>(), expected, 390);
  });

  it('reports the 25-hour day with its repeated hour, and orders on the local date of createdAt', async () => {
    const res = await report('date=2026-10-25&tz=Europe/Berlin');
    const hours = [0, 1, 2, 2, ...Array.from({ length: 21 }, (_, h) => h + 3)];
    const expected: DayReport = {
      date: '2026-10-25',
      tz: 'Europe/Berlin',
      currency: 'EUR',
      orders: 3,
      active: 0,
      completed: 3,
      cancelled: 0,
      revenueCents: 250 + 420 + 360,
      paidCents: 250 + 360,
      unpaidCents: 420,
      unpaidOrders: 1, // D-002
      activeUnpaidCents: 0,
      items: [
        { menuItemId: 'cappuccino', name: 'Cappuccino', qty: 1, revenueCents: 360 },
        { menuItemId: 'espresso', name: 'Espresso', qty: 1, revenueCents: 250 },
        { menuItemId: 'mocha', name: 'Mocha', qty: 1, revenueCents: 420 },
      ],
      byHour: hoursWith(hours, hourStarts('2026-10-24T22:00:00.000Z', 25), {
        2: { orders: 1, revenueCents: 250 },
        3: { orders: 1, revenueCents: 420 },
        24: { orders: 1, revenueCents: 360 },
      }),
      prepSeconds: { p50: null, p90: null }, // none of these went through ready
    };
    expectReport(res.json<DayReport>(), expected);
    const dayBefore = (await report('date=2026-10-24&tz=Europe/Berlin')).json<DayReport>();
    expect(dayBefore.orders).toBe(1); // D-004, 23:59:59.999 local
  });

  it('gives the spring-forward day 23 hours without a local 02:00', async () => {
    const body = (await report('date=2026-03-29&tz=Europe/Berlin')).json<DayReport>();
    expect(body.byHour.map((h) => h.hour)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, h) => h + 3)]);
  });

  it('counts the same instants on another date in another zone', async () => {
    const body = (await report('date=2026-06-09&tz=America/New_York')).json<DayReport>();
    // New York is UTC−4: N-001 (21:59Z) and N-002 (22:00Z) are both on the evening of 06-09.
    expect(body.orders).toBe(2);
  });

  it('downloads the orders as one CSV table: local times with the zone named, amounts with a decimal point', async () => {
    const res = await report('date=2026-06-10&tz=Europe/Berlin&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="orderline-2026-06-10-orders.csv"');
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual([
      'number',
      'created (Europe/Berlin)',
      'status',
      'paid',
      'customer',
      'items',
      'total (EUR)',
      'paid (EUR)',
      'due (EUR)',
      'payments',
    ]);
    // One table: every row after the header is an order with all ten cells (no blank line, no second header).
    expect(rows.slice(1).every((row) => row.length === 10)).toBe(true);
    // The cancelled, paid N-004 is a refund due: its payment shows, its due is negative.
    expect(rows[3]?.slice(7)).toEqual(['8.90', '-8.90', 'other 8.90']);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[3], row[6]])).toEqual([
      ['N-002', '2026-06-10 00:00:00', 'completed', 'yes', '7.60'],
      ['N-003', '2026-06-10 09:30:00', 'completed', 'no', '5.30'],
      ['N-004', '2026-06-10 09:45:00', 'cancelled', 'yes', '8.90'],
      ['N-005', '2026-06-10 14:00:00', 'pending', 'no', '3.90'],
      ['N-006', '2026-06-10 23:59:59', 'completed', 'yes', '3.80'],
    ]);
    expect(rows[2]?.[5]).toBe('1× Butter croissant; 1× Espresso');
    // `table=orders` is the default, spelled out.
    expect((await report('date=2026-06-10&tz=Europe/Berlin&format=csv&table=orders')).body).toBe(res.body);
  });

  it('downloads the items sold as a CSV table of their own', async () => {
    const res = await report('date=2026-06-10&tz=Europe/Berlin&format=csv&table=items');
    expect(res.headers['content-disposition']).toBe('attachment; filename="orderline-2026-06-10-items.csv"');
    expect(parseCsv(res.body)).toEqual([
      ['menu item id', 'name', 'quantity', 'revenue (EUR)'],
      ['flat-white', 'Flat white', '3', '11.40'],
      ['croissant', 'Butter croissant', '1', '2.80'],
      ['espresso', 'Espresso', '1', '2.50'],
    ]);
  });

  it('writes cents as major units by integer arithmetic, and local times across the DST change', () => {
    expect([0, 5, 99, 100, 1040, -5, -1234, 123456789].map((cents) => centsAsDecimal(cents))).toEqual([
      '0.00',
      '0.05',
      '0.99',
      '1.00',
      '10.40',
      '-0.05',
      '-12.34',
      '1234567.89',
    ]);
    // The currency's own decimals: JPY has none, KWD three.
    expect([1250, -5].map((minor) => centsAsDecimal(minor, currencyDigits('JPY')))).toEqual(['1250', '-5']);
    expect([1250, -5].map((minor) => centsAsDecimal(minor, currencyDigits('KWD')))).toEqual([
      '1.250',
      '-0.005',
    ]);
    // 00:30Z and 01:30Z on 2026-10-25 are both 02:30 in Berlin (CEST, then CET).
    expect(localTimestamp('2026-10-25T00:30:00.000Z', 'Europe/Berlin')).toBe('2026-10-25 02:30:00');
    expect(localTimestamp('2026-10-25T01:30:00.000Z', 'Europe/Berlin')).toBe('2026-10-25 02:30:00');
    expect(localTimestamp('2026-06-10T22:00:00.000Z', 'UTC')).toBe('2026-06-10 22:00:00');
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const rows = parseCsv((await report('date=2026-06-12&tz=Europe/Berlin&format=csv')).body);
    expect(rows.slice(1, 6).map((row) => row[4])).toEqual([
      "'=1+1",
      "'+cmd|/c calc",
      "'-2",
      "'@SUM(A1)",
      `'=HYPERLINK("http://x.test","a, b")`,
    ]);
  });

  it('defuses cells starting with tab or CR too (the API refuses them in names, but not every source will)', () => {
    expect([csvCell('\tx'), csvCell('\rx'), csvCell('plain'), csvCell(42)]).toEqual([
      "'\tx",
      `"'\rx"`,
      'plain',
      '42',
    ]);
  });

  it("without tz the day is the shop's: UTC until the owner sets a zone, then that zone", async () => {
    const utc = await report('date=2026-06-10');
    expect(utc.statusCode, utc.body).toBe(200);
    expect(utc.json<DayReport>().tz).toBe('UTC');
    const saved = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
      payload: JSON.stringify({ timeZone: 'Europe/Berlin' }),
    });
    expect(saved.statusCode).toBe(200);
    const shop = await report('date=2026-06-10');
    expect(shop.json()).toEqual((await report('date=2026-06-10&tz=Europe/Berlin')).json());
    const csv = await report('date=2026-06-10&format=csv');
    expect(csv.body).toContain('created (Europe/Berlin)');
  });

  it('answers 400 for dates that do not exist, unknown zones and other formats', async () => {
    for (const query of [
      'date=2026-02-30&tz=Europe/Berlin',
      'date=2026-6-1&tz=Europe/Berlin',
      'date=1999-01-01&tz=Europe/Berlin',
      'date=2026-06-10&tz=Mars/Olympus_Mons',
      'date=2026-06-10&tz=+02:00',
      'tz=Europe/Berlin',
      'date=2026-06-10&tz=Europe/Berlin&format=xml',
      'date=2026-06-10&tz=Europe/Berlin&format=csv&table=both',
      'date=2026-06-10&tz=Europe/Berlin&format=csv&table=orders&table=items',
      'date=2026-06-10&date=2026-06-11&tz=Europe/Berlin',
    ]) {
      const res = await report(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code, query).toBe('invalid_query');
    }
  });
});
