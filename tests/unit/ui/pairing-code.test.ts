// Pairing codes are shown to people as ABCD-EFGH, whatever spelling the server or a person used.
import { describe, expect, it } from 'vitest';
import { displayPairingCode } from '../../../src/pairing-code.ts';

describe('displayPairingCode', () => {
  it('splits a canonical code into two groups of four', () => {
    expect(displayPairingCode('ABCDEFGH')).toBe('ABCD-EFGH');
  });

  it('upper-cases and regroups a code typed with spaces or hyphens', () => {
    expect(displayPairingCode('abcd efgh')).toBe('ABCD-EFGH');
    expect(displayPairingCode('ab-cd-ef-gh')).toBe('ABCD-EFGH');
  });

  it('keeps an already formatted code as it is', () => {
    expect(displayPairingCode('7K3M-Q9XZ')).toBe('7K3M-Q9XZ');
  });

  it('shows text that cannot be a code unchanged rather than inventing one', () => {
    expect(displayPairingCode('ABC')).toBe('ABC');
    expect(displayPairingCode('ABCDEFGHJ')).toBe('ABCDEFGHJ');
  });
});
