// Backoff timing: exponential with jitter, capped at 30 s; Retry-After honoured.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, nextBackoffMs, parseRetryAfterMs, RETRY_AFTER_MAX_MS } from '../../../sw/backoff.ts';

describe('nextBackoffMs', () => {
  it('grows exponentially from half a second', () => {
    const mid = () => 1; // jitter at its top: the full step
    expect([1, 2, 3, 4].map((n) => nextBackoffMs(n, mid))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never exceeds the 30 s cap, however many attempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          expect(nextBackoffMs(attempt, () => r)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
        },
      ),
    );
    expect(nextBackoffMs(50, () => 1)).toBe(BACKOFF_CAP_MS);
  });

  it('jitter stays within half to all of the exponential step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const step = nextBackoffMs(attempt, () => 1);
          const delay = nextBackoffMs(attempt, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('different random draws spread devices that failed together', () => {
    expect(nextBackoffMs(5, () => 0)).not.toBe(nextBackoffMs(5, () => 0.9));
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-25T09:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 09:00:10 GMT', now)).toBe(10_000);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfterMs(null, now)).toBeNull();
    expect(parseRetryAfterMs('soon', now)).toBeNull();
  });

  it('clamps a date in the past to zero and an absurd delay to the maximum', () => {
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('999999', now)).toBe(RETRY_AFTER_MAX_MS);
  });
});
