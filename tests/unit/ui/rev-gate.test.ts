// A tab applies the next delta, drops old ones, and re-snapshots when one went missing.
import { describe, expect, it } from 'vitest';
import { decideRev } from '../../../src/rev-gate.ts';

describe('decideRev', () => {
  it('applies the delta right after the last seen revision', () => {
    expect(decideRev('orders', 6, 5)).toBe('apply');
  });
  it('drops a delta the snapshot already covered', () => {
    expect(decideRev('orders', 5, 5)).toBe('stale');
    expect(decideRev('orders', 3, 5)).toBe('stale');
  });
  it('asks for a snapshot when a delta was skipped', () => {
    expect(decideRev('orders', 7, 5)).toBe('gap');
  });
  it('accepts a sync status at or one past the last revision', () => {
    expect(decideRev('sync', 5, 5)).toBe('apply');
    expect(decideRev('sync', 6, 5)).toBe('apply');
  });
  it('treats a sync status further ahead as a missed delta', () => {
    expect(decideRev('sync', 8, 5)).toBe('gap');
    expect(decideRev('sync', 4, 5)).toBe('stale');
  });
});
