// The valibot schemas every HTTP body passes through: valid input, each invalid field, NUL, lone
// surrogates, unknown fields, lengths in code points, qty bounds and line counts.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ChangesQuerySchema,
  CreateOrderBodySchema,
  DeviceBodySchema,
  EventsQuerySchema,
  PatchOrderBodySchema,
  describeIssues,
} from '../../../protocol/schemas.ts';

const valid = {
  id: '0192d2a4-6c1e-7abc-8def-0123456789ab',
  number: 'B-017',
  deviceId: '0192d2a4-6c1e-7000-8000-00000000d001',
  createdAt: '2026-11-25T08:00:00Z',
  customerName: 'Ada',
  note: 'to go',
  items: [{ menuItemId: 'flat-white', qty: 2, note: 'oat' }],
};

function accepts(body: unknown): boolean {
  return v.safeParse(CreateOrderBodySchema, body).success;
}

function line(qty = 1) {
  return { menuItemId: 'flat-white', qty };
}

describe('CreateOrderBodySchema', () => {
  it('accepts a valid body and normalises ids to lower case and createdAt to UTC milliseconds', () => {
    const parsed = v.parse(CreateOrderBodySchema, {
      ...valid,
      id: valid.id.toUpperCase(),
      createdAt: '2026-11-25T09:00:00+01:00',
    });
    expect(parsed.id).toBe(valid.id);
    expect(parsed.createdAt).toBe('2026-11-25T08:00:00.000Z');
  });

  it('accepts a body without the optional fields', () => {
    const { customerName: _c, note: _n, ...required } = valid;
    expect(accepts({ ...required, items: [line()] })).toBe(true);
  });

  it.each([
    ['id', 'not-a-uuid'],
    ['id', 42],
    ['number', 'b-017'],
    ['number', 'ABCD-017'],
    ['number', 'B-17'],
    ['deviceId', ''],
    ['createdAt', 'yesterday'],
    ['createdAt', '2026-13-01T00:00:00Z'],
    ['createdAt', '2026-02-30T00:00:00Z'],
    ['createdAt', '2025-02-29T12:00:00Z'],
    ['customerName', 5],
    ['note', null],
    ['items', 'flat-white'],
  ])('rejects an invalid %s (%j)', (field, value) => {
    expect(accepts({ ...valid, [field]: value })).toBe(false);
  });

  it.each(['id', 'number', 'deviceId', 'createdAt', 'items'])('rejects a body missing %s', (field) => {
    const body: Record<string, unknown> = { ...valid };
    delete body[field];
    expect(accepts(body)).toBe(false);
  });

  it('rejects unknown fields at the top and on lines', () => {
    expect(accepts({ ...valid, price: 1 })).toBe(false);
    expect(accepts({ ...valid, items: [{ ...line(), unitPriceCents: 1 }] })).toBe(false);
  });

  it('rejects NUL characters and lone surrogates in free text', () => {
    for (const bad of ['a\u0000b', 'x\uD800', '\uDC00y', '\uDC00\uD800']) {
      expect(accepts({ ...valid, customerName: bad })).toBe(false);
      expect(accepts({ ...valid, note: bad })).toBe(false);
      expect(accepts({ ...valid, items: [{ ...line(), note: bad }] })).toBe(false);
    }
    expect(accepts({ ...valid, customerName: 'Zoë 👋' })).toBe(true);
  });

  it('counts lengths in code points, not UTF-16 units', () => {
    const emoji = '😀';
    expect(accepts({ ...valid, customerName: emoji.repeat(80) })).toBe(true);
    expect(accepts({ ...valid, customerName: emoji.repeat(81) })).toBe(false);
    expect(accepts({ ...valid, note: 'n'.repeat(500) })).toBe(true);
    expect(accepts({ ...valid, note: 'n'.repeat(501) })).toBe(false);
    expect(accepts({ ...valid, items: [{ ...line(), note: emoji.repeat(200) }] })).toBe(true);
    expect(accepts({ ...valid, items: [{ ...line(), note: emoji.repeat(201) }] })).toBe(false);
  });

  it('takes qty 1..99 as whole numbers only', () => {
    for (const qty of [1, 99]) expect(accepts({ ...valid, items: [line(qty)] })).toBe(true);
    for (const qty of [0, 100, -1, 1.5, Number.NaN])
      expect(accepts({ ...valid, items: [line(qty)] })).toBe(false);
    expect(accepts({ ...valid, items: [{ menuItemId: 'flat-white', qty: '2' }] })).toBe(false);
  });

  it('takes 1..100 lines: 0 and 101 are rejected', () => {
    expect(accepts({ ...valid, items: [] })).toBe(false);
    expect(accepts({ ...valid, items: Array.from({ length: 100 }, () => line()) })).toBe(true);
    expect(accepts({ ...valid, items: Array.from({ length: 101 }, () => line()) })).toBe(false);
  });

  it('takes menu item ids as slugs of 1..64 characters', () => {
    for (const id of ['a', 'flat-white', 'x'.repeat(64)]) {
      expect(accepts({ ...valid, items: [{ menuItemId: id, qty: 1 }] })).toBe(true);
    }
    for (const id of ['', 'Flat White', '-x', 'x'.repeat(65)]) {
      expect(accepts({ ...valid, items: [{ menuItemId: id, qty: 1 }] })).toBe(false);
    }
  });

  it('describes issues with their field path', () => {
    const result = v.safeParse(CreateOrderBodySchema, { ...valid, items: [line(0)] });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.issues)).toBe('items.0.qty: must be at least 1');
  });
});

describe('PatchOrderBodySchema', () => {
  it('accepts a status, paid: true, or both', () => {
    for (const body of [{ status: 'ready' }, { paid: true }, { status: 'cancelled', paid: true }]) {
      expect(v.safeParse(PatchOrderBodySchema, body).success).toBe(true);
    }
  });

  it('rejects an empty body, paid: false, unknown statuses and unknown fields', () => {
    for (const body of [
      {},
      { paid: false },
      { status: 'done' },
      { status: 'ready', note: 'x' },
      null,
      'ready',
    ]) {
      expect(v.safeParse(PatchOrderBodySchema, body).success).toBe(false);
    }
  });
});

describe('query and device schemas', () => {
  it('defaults changes since=0 and limit=500 and bounds limit to 1..1000', () => {
    expect(v.parse(ChangesQuerySchema, {})).toEqual({ since: 0, limit: 500 });
    expect(v.parse(ChangesQuerySchema, { since: '7', limit: '1000' })).toEqual({ since: 7, limit: 1000 });
    for (const query of [
      { limit: '0' },
      { limit: '1001' },
      { since: '-1' },
      { since: '1.5' },
      { other: '1' },
    ]) {
      expect(v.safeParse(ChangesQuerySchema, query).success).toBe(false);
    }
  });

  it('accepts events since as optional', () => {
    expect(v.parse(EventsQuerySchema, {})).toEqual({});
    expect(v.parse(EventsQuerySchema, { since: '3' })).toEqual({ since: 3 });
  });

  it('takes a device id as a UUID', () => {
    expect(v.safeParse(DeviceBodySchema, { deviceId: valid.deviceId }).success).toBe(true);
    expect(v.safeParse(DeviceBodySchema, { deviceId: 'till-1' }).success).toBe(false);
  });
});
