// Migration 007 on a database written by migrations 001-006 only (a Part 2 server): orders keep their
// totals with `taxes: []`, a paid order gets one `other` payment of its total dated by the event that
// marked it paid, an old create still replays (its fingerprint is unchanged), and the menu gets rates at 0 %.

import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuResponse } from '../../../protocol/menu.ts';
import type { Order } from '../../../protocol/order.ts';
import { CreateOrderBodySchema } from '../../../protocol/schemas.ts';
import { buildApp } from '../../../server/app.ts';
import { createFingerprint } from '../../../server/prepare-order.ts';
import { migrate } from '../../../server/store/migrate.ts';
import { openPgliteDatabase } from '../../../server/store/pglite-database.ts';
import { openStore } from '../../../server/store/open-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import { createBody, OWNER_AUTH, postOrder, TEST_ADMIN_TOKEN } from './order-fixtures.ts';

const MIGRATIONS = fileURLToPath(new URL('../../../server/store/migrations/', import.meta.url));
let dir: string;
let store: OrderStore;
const paidBody = createBody({ items: [{ menuItemId: 'latte', qty: 2 }] });
const unpaidBody = createBody({ items: [{ menuItemId: 'croissant', qty: 1 }] });
const MARKED_PAID_AT = '2026-11-25T08:05:00.000Z';
const CASHIER = '0192d2a4-6c1e-7000-8000-00000000cafe';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-007-'));
  const part2 = join(dir, 'migrations-001-006/');
  for (const name of await readdir(MIGRATIONS)) {
    if (name < '007') await cp(join(MIGRATIONS, name), join(part2, name));
  }
  // A Part 2 database: a published menu and two orders as the Part 2 store wrote them.
  const db = await openPgliteDatabase(join(dir, 'data'));
  await migrate(db, part2);
  await db.exec(`UPDATE menu_head SET version = 1;
    INSERT INTO menu_versions VALUES (1, '2026-11-25T07:00:00.000Z');
    INSERT INTO menu_categories (id, valid_from, name, position) VALUES ('coffee', 1, 'Coffee', 0);
    INSERT INTO menu_items (id, valid_from, name, price_cents, category, available, archived, position)
      VALUES ('latte', 1, 'Caffè latte', 390, 'coffee', true, false, 0);`);
  const rows: [typeof paidBody, number, boolean, number][] = [
    [paidBody, 780, true, 1],
    [unpaidBody, 280, false, 3],
  ];
  for (const [body, total, paid, seq] of rows) {
    const input = v.parse(CreateOrderBodySchema, body);
    const items = input.items.map((line) => ({
      menuItemId: line.menuItemId,
      name: line.menuItemId,
      qty: line.qty,
      unitPriceCents: total / line.qty,
      note: '',
    }));
    await db.query(
      `INSERT INTO orders (id, number, device_id, customer_name, note, items, total_cents, status, paid,
                           created_at, received_at, updated_at, fingerprint, seq)
       VALUES ($1, $2, $3, $4, '', $5::jsonb, $6, 'pending', $7, $8, $8, $8, $9, $10)`,
      [
        input.id,
        input.number,
        input.deviceId,
        input.customerName,
        JSON.stringify(items),
        total,
        paid,
        input.createdAt,
        createFingerprint(input),
        seq,
      ],
    );
    await db.query(
      `INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id) VALUES ($1, $2, 'created', 'pending', false, $3, $4)`,
      [seq, input.id, input.createdAt, input.deviceId],
    );
  }
  await db.query(
    `INSERT INTO order_events (seq, order_id, kind, status, paid, at, device_id) VALUES (2, $1, 'paid', 'pending', true, $2, $3)`,
    [paidBody.id, MARKED_PAID_AT, CASHIER],
  );
  await db.exec('UPDATE seq_counter SET seq = 3');
  await db.close();
  store = await openStore({ dataDir: join(dir, 'data') });
}, 180_000);
afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('migration 007 on a Part 2 database', () => {
  it('keeps every total, with taxes [] and no menu version', async () => {
    const paid = (await store.get(paidBody.id))!;
    const unpaid = (await store.get(unpaidBody.id))!;
    expect(paid).toMatchObject({
      totalCents: 780,
      subtotalCents: 780,
      taxes: [],
      discount: null,
      paid: true,
    });
    expect(unpaid).toMatchObject({
      totalCents: 280,
      subtotalCents: 280,
      taxes: [],
      payments: [],
      paidCents: 0,
      dueCents: 280,
      paid: false,
    });
    expect(paid.menuVersion).toBeUndefined();
    expect(paid.items[0]).toEqual({
      menuItemId: 'latte',
      name: 'latte',
      qty: 2,
      unitPriceCents: 390,
      note: '',
    });
  });

  it('gives a paid order one `other` payment of its total, dated and attributed by the event that marked it paid', async () => {
    const paid = (await store.get(paidBody.id)) as Order;
    expect(paid.payments).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        method: 'other',
        amountCents: 780,
        tenderedCents: null,
        changeCents: 0,
        tipCents: 0,
        deviceId: CASHIER,
        createdAt: MARKED_PAID_AT,
        refunds: [],
      },
    ]);
    expect(paid).toMatchObject({ paidCents: 780, dueCents: 0 });
    const ledger = await store.database.query<{ order_id: string; amount_cents: string | number }>(
      'SELECT order_id, amount_cents FROM payments',
    );
    expect(ledger.map((row) => [row.order_id, Number(row.amount_cents)])).toEqual([[paidBody.id, 780]]);
  });

  it('an old create still replays (fingerprint unchanged), and the old menu taxes at 0 %', async () => {
    const app = await buildApp({
      store,
      rateLimit: false,
      distDir: '/nonexistent',
      adminToken: TEST_ADMIN_TOKEN,
      limits: { maxEventLoopDelayMs: 0 },
    });
    try {
      const replay = await postOrder(app, paidBody);
      expect(replay.statusCode).toBe(200);
      expect(replay.json<Order>().totalCents).toBe(780);
      const menu = (
        await app.inject({ url: '/api/menu?version=1', headers: OWNER_AUTH })
      ).json<MenuResponse>();
      expect(menu.taxRates).toEqual([
        { id: 'standard', name: 'Standard', rateBasisPoints: 0 },
        { id: 'reduced', name: 'Reduced', rateBasisPoints: 0 },
      ]);
      expect(menu.items[0]).toMatchObject({ optionGroups: [], taxRate: 'standard' });
    } finally {
      await app.close();
    }
  });
});
