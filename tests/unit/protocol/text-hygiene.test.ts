// Text hygiene: every forbidden range (C0/C1 controls, bidi overrides and isolates, noncharacters,
// lone surrogates) is refused anywhere in a text field, ordinary text of every script passes, and the
// create schema bounds `number` and `createdAt`.

import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createOrderBodySchema } from '../../../protocol/schemas.ts';
import { cleanTextSchema, findForbiddenCharacter } from '../../../protocol/text-hygiene.ts';

const FORBIDDEN_RANGES: [number, number][] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0xfdd0, 0xfdef],
  [0xd800, 0xdfff],
];
const PLANE_ENDS = Array.from({ length: 17 }, (_, plane) => [
  plane * 0x10000 + 0xfffe,
  plane * 0x10000 + 0xffff,
]);

const forbiddenCodePoint = fc.oneof(
  ...FORBIDDEN_RANGES.map(([min, max]) => fc.integer({ min, max })),
  fc.constantFrom(...PLANE_ENDS.flat()),
);
const forbiddenChar = forbiddenCodePoint.map((cp) => String.fromCodePoint(cp));
/** Text with no forbidden character in it (fast-check's full-Unicode strings minus the forbidden). */
const cleanString = fc
  .string({ unit: 'grapheme', maxLength: 20 })
  .map((s) => [...s].filter((c) => findForbiddenCharacter(c) === null).join(''));

const schema = cleanTextSchema(200);

describe('cleanText', () => {
  it('refuses a forbidden character anywhere in otherwise clean text', () => {
    fc.assert(
      fc.property(cleanString, forbiddenChar, cleanString, (before, bad, after) => {
        const result = v.safeParse(schema, before + bad + after);
        expect(result.success).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts clean text in any script, emoji and combining marks included', () => {
    fc.assert(
      fc.property(cleanString, (text) => {
        expect(v.safeParse(schema, text).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
    for (const text of ['Zoë', 'مرحبا', '李小龍', '👩🏽‍🍳 x2', 'e\u0301', 'a\u200db', 'Ada\u00a0Lovelace']) {
      expect(v.safeParse(schema, text).success, text).toBe(true);
    }
  });

  it('refuses the edges of each range and names the character in the message', () => {
    for (const [min, max] of FORBIDDEN_RANGES) {
      for (const cp of [min, max])
        expect(v.safeParse(schema, `a${String.fromCharCode(cp)}b`).success).toBe(false);
    }
    // The neighbours just outside each range are ordinary characters.
    for (const cp of [0x20, 0x7e, 0xa0, 0x2029, 0x202f, 0x2065, 0x206a, 0xfdcf, 0xfdf0, 0xfffd, 0x1fffd]) {
      expect(v.safeParse(schema, `a${String.fromCodePoint(cp)}b`).success, cp.toString(16)).toBe(true);
    }
    const result = v.safeParse(schema, 'evil\u202Egnp.exe');
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.issues[0]?.message).toBe('must not contain a bidi override or isolate (U+202E)');
  });
});

describe('createOrderBodySchema limits', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);
  const schema = createOrderBodySchema(() => now);
  const body = {
    id: '0192d2a4-6c1e-7abc-8def-0123456789ab',
    number: 'B-017',
    deviceId: '0192d2a4-6c1e-7000-8000-00000000d001',
    createdAt: '2026-11-25T08:00:00Z',
    items: [{ menuItemId: 'flat-white', qty: 2 }],
  };
  const accepts = (overrides: Record<string, unknown>) =>
    v.safeParse(schema, { ...body, ...overrides }).success;

  it('bounds number at 16 characters', () => {
    expect(accepts({ number: `B-${'1'.repeat(14)}` })).toBe(true);
    expect(accepts({ number: `B-${'1'.repeat(15)}` })).toBe(false);
    expect(accepts({ number: `B-${'1'.repeat(50_000)}` })).toBe(false);
  });

  it('bounds createdAt between 2000-01-01 and the injected now + 1 day', () => {
    expect(accepts({ createdAt: '2000-01-01T00:00:00Z' })).toBe(true);
    expect(accepts({ createdAt: '1999-12-31T23:59:59.999Z' })).toBe(false);
    expect(accepts({ createdAt: new Date(now + 86_400_000).toISOString() })).toBe(true);
    expect(accepts({ createdAt: new Date(now + 86_400_001).toISOString() })).toBe(false);
    expect(accepts({ createdAt: '9999-12-31T00:00:00Z' })).toBe(false);
    expect(accepts({ createdAt: '+010000-01-01T00:00:00Z' })).toBe(false);
  });

  it('refuses control characters in customerName and notes', () => {
    expect(accepts({ customerName: 'Ada\u0007' })).toBe(false);
    expect(accepts({ note: 'to\u2066go' })).toBe(false);
    expect(accepts({ items: [{ menuItemId: 'flat-white', qty: 1, note: 'oat\uFFFE' }] })).toBe(false);
  });
});
