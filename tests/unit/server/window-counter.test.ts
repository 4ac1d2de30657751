// The per-key fixed-window counter behind the telemetry limit.

import { describe, expect, it } from 'vitest';
import { createWindowCounter } from '../../../server/window-counter.ts';

describe('createWindowCounter', () => {
  it('allows `limit` uses per key per window, then again once the window has passed', () => {
    let now = 0;
    const counter = createWindowCounter({ limit: 2, windowMs: 1000, now: () => now });
    expect([counter.take('a'), counter.take('a'), counter.take('a'), counter.take('b')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    now = 999;
    expect(counter.take('a')).toBe(false);
    now = 1000;
    expect(counter.take('a')).toBe(true);
  });
});
