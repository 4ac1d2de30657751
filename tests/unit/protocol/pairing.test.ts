// Pairing codes as people type them: Crockford base32, any case, hyphens and spaces ignored, I/L/O misreads forgiven.

import { describe, expect, it } from 'vitest';
import { formatPairingCode, normalizePairingCode } from '../../../protocol/pairing.ts';

describe('normalizePairingCode', () => {
  it('accepts the shown form, no hyphen, any case and spaces', () => {
    for (const typed of ['ABCD-EFGH', 'abcdefgh', 'abcd efgh', ' AbCd-eFgH ']) {
      expect([typed, normalizePairingCode(typed)]).toEqual([typed, 'ABCDEFGH']);
    }
  });

  it('reads I and L as 1 and O as 0, as Crockford base32 does', () => {
    expect(normalizePairingCode('IL0O-1234')).toBe('11001234');
  });

  it('refuses wrong lengths and letters outside the alphabet (U)', () => {
    for (const typed of ['', 'ABCD-EFG', 'ABCD-EFGHJ', 'ABCD-EFGU', 'ABCD_EFGH']) {
      expect([typed, normalizePairingCode(typed)]).toEqual([typed, null]);
    }
  });

  it('formats a canonical code for people as ABCD-EFGH', () => {
    expect(formatPairingCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });
});
