// Device codes for ticket numbers: A…Z, then AA…ZZ, then AAA…ZZZ, never more than three letters.

import { describe, expect, it } from 'vitest';
import { MAX_DEVICE_ORDINAL, deviceCodeFor } from '../../../server/device-code.ts';

describe('deviceCodeFor', () => {
  it('spells ordinals in bijective base 26', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703, MAX_DEVICE_ORDINAL].map(deviceCodeFor)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'ZZZ',
    ]);
  });

  it('gives every ordinal a distinct code of 1–3 capital letters', () => {
    const codes = new Set<string>();
    for (let ordinal = 1; ordinal <= MAX_DEVICE_ORDINAL; ordinal++) {
      const code = deviceCodeFor(ordinal);
      expect(code).toMatch(/^[A-Z]{1,3}$/);
      codes.add(code);
    }
    expect(codes.size).toBe(MAX_DEVICE_ORDINAL);
  });

  it('refuses ordinals it cannot spell in three letters', () => {
    for (const ordinal of [0, -1, 1.5, MAX_DEVICE_ORDINAL + 1])
      expect(() => deviceCodeFor(ordinal)).toThrow(RangeError);
  });
});
