// Pricing from the menu and the fingerprints that decide whether a repeated key is a replay.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CreateOrderBodySchema } from '../../../protocol/schemas.ts';
import { changeFingerprint, createFingerprint, prepareOrder } from '../../../server/prepare-order.ts';
import { createBody, sampleMenuItem } from './order-fixtures.ts';

const parse = (body: unknown) => v.parse(CreateOrderBodySchema, body);

describe('prepareOrder', () => {
  it('prices lines from the menu, keeps their order and totals them', () => {
    const input = parse(
      createBody({
        items: [
          { menuItemId: 'latte', qty: 2 },
          { menuItemId: 'croissant', qty: 1, note: 'warm' },
        ],
      }),
    );
    const result = prepareOrder(input, sampleMenuItem);
    expect(result.ok && result.order.items).toEqual([
      {
        menuItemId: 'latte',
        name: 'Caffè latte',
        qty: 2,
        unitPriceCents: 390,
        note: '',
        options: [],
        taxRate: 'standard',
        lineTotalCents: 780,
      },
      {
        menuItemId: 'croissant',
        name: 'Butter croissant',
        qty: 1,
        unitPriceCents: 280,
        note: 'warm',
        options: [],
        taxRate: 'reduced',
        lineTotalCents: 280,
      },
    ]);
    expect(result.ok && result.order.totalCents).toBe(2 * 390 + 280);
  });

  it('names every unknown menu item once', () => {
    const input = parse(
      createBody({
        items: [
          { menuItemId: 'unicorn', qty: 1 },
          { menuItemId: 'latte', qty: 1 },
          { menuItemId: 'unicorn', qty: 2 },
          { menuItemId: 'dragon', qty: 1 },
        ],
      }),
    );
    expect(prepareOrder(input, sampleMenuItem)).toEqual({
      ok: false,
      unknownMenuItems: ['unicorn', 'dragon'],
    });
  });
});

describe('fingerprints', () => {
  it('ignore key order, omitted-vs-empty text and timestamp spelling', () => {
    const body = createBody({ note: '', createdAt: '2026-11-25T08:00:00Z' });
    const { note: _note, ...withoutNote } = body;
    const reordered = Object.fromEntries(
      Object.entries({ ...withoutNote, createdAt: '2026-11-25T09:00:00.000+01:00' }).reverse(),
    );
    expect(createFingerprint(parse(reordered))).toBe(createFingerprint(parse(body)));
  });

  it('change with any field that matters', () => {
    const body = createBody();
    const base = createFingerprint(parse(body));
    const variants = [
      { ...body, number: 'A-999' },
      { ...body, customerName: 'Bob' },
      { ...body, items: [...body.items].reverse() },
      { ...body, items: body.items.map((line) => ({ ...line, qty: line.qty + 1 })) },
    ];
    for (const variant of variants) expect(createFingerprint(parse(variant))).not.toBe(base);
  });

  it('of a change cover the order id and both fields', () => {
    const id = '0192d2a4-6c1e-7abc-8def-0123456789ab';
    const other = '0192d2a4-6c1e-7abc-8def-0123456789ac';
    const prints = [
      changeFingerprint(id, { status: 'ready' }),
      changeFingerprint(other, { status: 'ready' }),
      changeFingerprint(id, { status: 'ready', paid: true }),
      changeFingerprint(id, { paid: true }),
    ];
    expect(new Set(prints).size).toBe(prints.length);
    expect(changeFingerprint(id, { status: 'ready' })).toBe(prints[0]);
  });
});
