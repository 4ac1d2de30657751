// The kitchen's owner-set thresholds on the page: settings → thresholds, when the next ticket changes level
// (the screen re-renders only then), the shared ticket clock, the page-side bump overlay, and the plain guard
// the page and SW use agreeing with the server's valibot schema.
import fc from 'fast-check';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, isShopSettings } from '../../../protocol/settings.ts';
import { ShopSettingsSchema } from '../../../protocol/settings-schema.ts';
import { EMPTY_OVERLAY, shownStatus, withBump, withoutBump } from '../../../src/kitchen/bump-overlay.ts';
import { ageLevel, nextLevelChangeAt, thresholdsOf } from '../../../src/kitchen/kitchen-tickets.ts';
import { createTicketClock } from '../../../src/kitchen/ticket-clock.ts';

const BASE = Date.parse('2026-12-01T12:00:00.000Z');
const startedAt = (minute: number) => ({
  receivedAt: new Date(BASE + minute * 60_000).toISOString(),
  createdAt: '',
});

describe('thresholds from settings', () => {
  it('turns minutes into the milliseconds ageLevel compares', () => {
    const thresholds = thresholdsOf({ kitchenWarningMinutes: 2, kitchenLateMinutes: 3 });
    expect(thresholds).toEqual({ warningMs: 120_000, lateMs: 180_000 });
    expect(ageLevel(119_999, thresholds)).toBe('fresh');
    expect(ageLevel(120_000, thresholds)).toBe('warning');
    expect(ageLevel(180_000, thresholds)).toBe('late');
  });
});

describe('nextLevelChangeAt', () => {
  const thresholds = thresholdsOf({ kitchenWarningMinutes: 5, kitchenLateMinutes: 10 });

  it('is the earliest warning or late instant still ahead, over every ticket', () => {
    const tickets = [startedAt(0), startedAt(3)];
    expect(nextLevelChangeAt(tickets, thresholds, BASE + 60_000)).toBe(BASE + 5 * 60_000);
    expect(nextLevelChangeAt(tickets, thresholds, BASE + 5 * 60_000)).toBe(BASE + 8 * 60_000);
    expect(nextLevelChangeAt(tickets, thresholds, BASE + 9 * 60_000)).toBe(BASE + 10 * 60_000);
  });

  it('is null when every ticket is already late, or there are none', () => {
    expect(nextLevelChangeAt([startedAt(0)], thresholds, BASE + 10 * 60_000)).toBeNull();
    expect(nextLevelChangeAt([], thresholds, BASE)).toBeNull();
  });
});

describe('ticket clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs one interval for any number of timers, and stops when the last one leaves', () => {
    let now = 0;
    const clock = createTicketClock(1000, () => now);
    const seen: number[][] = [[], []];
    const stops = seen.map((list) => clock.subscribe((t) => list.push(t)));
    expect(vi.getTimerCount()).toBe(1);
    now = 1000;
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([[1000], [1000]]);
    for (const stop of stops) stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('bump overlay', () => {
  const ticket = { id: 'a', status: 'pending' as const };

  it('shows a bump at once, while it is ahead of what the store knows', () => {
    const overlay = withBump(EMPTY_OVERLAY, 'a', 'preparing');
    expect(shownStatus(ticket, overlay)).toBe('preparing');
    expect(shownStatus({ id: 'b', status: 'pending' }, overlay)).toBe('pending');
    // The store caught up (or moved on further): its status is shown.
    expect(shownStatus({ id: 'a', status: 'ready' }, overlay)).toBe('ready');
  });

  it('an answered bump leaves the overlay, unless a later bump of the ticket replaced it', () => {
    const first = withBump(EMPTY_OVERLAY, 'a', 'preparing');
    const second = withBump(first, 'a', 'ready');
    expect(withoutBump(second, 'a', 'preparing')).toBe(second);
    expect(withoutBump(second, 'a', 'ready').size).toBe(0);
    expect(shownStatus(ticket, withoutBump(first, 'a', 'preparing'))).toBe('pending');
  });
});

describe('isShopSettings', () => {
  it('accepts exactly what the server schema accepts', () => {
    const minutes = fc.oneof(
      fc.integer({ min: -2, max: 245 }),
      fc.double(),
      fc.constant('5'),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.record({ kitchenWarningMinutes: minutes, kitchenLateMinutes: minutes }, { requiredKeys: [] }),
        (value) => {
          // The shop's details at their defaults: this property is about the thresholds.
          const { kitchenWarningMinutes: _w, kitchenLateMinutes: _l, ...details } = DEFAULT_SETTINGS;
          expect(isShopSettings({ ...details, ...value })).toBe(v.is(ShopSettingsSchema, value));
        },
      ),
      { numRuns: 500, seed: 20261202 },
    );
  });
});
