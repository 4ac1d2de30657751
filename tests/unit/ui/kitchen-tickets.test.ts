// The Kitchen screen's pure rules: which orders are tickets and in what order, age → warning/late from
// server time, bump targets, All day totals, and the keyboard bump bar.
import { describe, expect, it } from 'vitest';
import type { ClientOrder, OrderItem } from '../../../protocol/order.ts';
import { bumpBarKey, EMPTY_BUMP_BAR, type BumpBarState } from '../../../src/kitchen/bump-bar.ts';
import {
  ageLevel,
  ageMs,
  allDayTotals,
  bumpTarget,
  DEFAULT_THRESHOLDS,
  formatTimer,
  kitchenTickets,
} from '../../../src/kitchen/kitchen-tickets.ts';

const BASE = Date.parse('2026-12-01T12:00:00.000Z');
const at = (minute: number) => new Date(BASE + minute * 60_000).toISOString();

function item(menuItemId: string, qty: number, note = ''): OrderItem {
  return { menuItemId, name: menuItemId.toUpperCase(), qty, unitPriceCents: 100, note };
}

function order(id: string, patch: Partial<ClientOrder> = {}): ClientOrder {
  return {
    id,
    number: id,
    deviceId: 'dev',
    customerName: '',
    note: '',
    items: [item('latte', 1)],
    totalCents: 100,
    status: 'pending',
    paid: false,
    createdAt: at(0),
    receivedAt: at(0),
    updatedAt: at(0),
    seq: 1,
    syncState: 'saved',
    ...patch,
  };
}

describe('kitchenTickets', () => {
  it('keeps pending and preparing orders, oldest server receipt first', () => {
    const orders = [
      order('b', { receivedAt: at(2) }),
      order('ready', { status: 'ready', receivedAt: at(-5) }),
      order('a', { receivedAt: at(1), status: 'preparing' }),
      order('done', { status: 'completed', receivedAt: at(-9) }),
      order('c', { receivedAt: at(3) }),
    ];
    expect(kitchenTickets(orders).map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });

  it('orders by the server time, not by the creating device clock', () => {
    // The device that made `late-clock` is 10 minutes behind; the server received it after `x`.
    const orders = [
      order('late-clock', { createdAt: at(-10), receivedAt: at(5) }),
      order('x', { receivedAt: at(4) }),
    ];
    expect(kitchenTickets(orders).map((o) => o.id)).toEqual(['x', 'late-clock']);
  });

  it('uses the device time for an order the server has not confirmed yet', () => {
    const orders = [
      order('queued', { receivedAt: null, createdAt: at(1) }),
      order('y', { receivedAt: at(2) }),
    ];
    expect(kitchenTickets(orders).map((o) => o.id)).toEqual(['queued', 'y']);
  });

  it('breaks ties by id so every screen shows the same order', () => {
    expect(kitchenTickets([order('2'), order('1')]).map((o) => o.id)).toEqual(['1', '2']);
  });
});

describe('ticket age', () => {
  it('counts from receivedAt and turns warning at 5 minutes and late at 10', () => {
    const ticket = order('a', { createdAt: at(-30), receivedAt: at(0) });
    const level = (minute: number) => ageLevel(ageMs(ticket, BASE + minute * 60_000));
    expect(level(4.99)).toBe('fresh');
    expect(level(5)).toBe('warning');
    expect(level(9.99)).toBe('warning');
    expect(level(10)).toBe('late');
  });

  it('honours other thresholds', () => {
    expect(ageLevel(3 * 60_000, { warningMs: 2 * 60_000, lateMs: 4 * 60_000 })).toBe('warning');
    expect(DEFAULT_THRESHOLDS).toEqual({ warningMs: 300_000, lateMs: 600_000 });
  });

  it('never goes negative when this device clock is behind the server', () => {
    expect(ageMs(order('a', { receivedAt: at(1) }), BASE)).toBe(0);
  });

  it('reads as m:ss, then h:mm:ss', () => {
    expect(formatTimer(0)).toBe('0:00');
    expect(formatTimer(65_400)).toBe('1:05');
    expect(formatTimer(3_725_000)).toBe('1:02:05');
  });
});

describe('bumpTarget', () => {
  it('moves pending to preparing to ready, and nothing further', () => {
    expect(bumpTarget('pending')).toBe('preparing');
    expect(bumpTarget('preparing')).toBe('ready');
    expect(bumpTarget('ready')).toBeNull();
    expect(bumpTarget('cancelled')).toBeNull();
  });
});

describe('allDayTotals', () => {
  it('sums each menu item across tickets, most first', () => {
    const tickets = [
      order('a', { items: [item('latte', 2), item('bagel', 1, 'toasted')] }),
      order('b', { items: [item('bagel', 3)] }),
      order('c', { items: [item('tea', 1), item('latte', 1)] }),
    ];
    expect(allDayTotals(tickets).map((l) => [l.menuItemId, l.qty])).toEqual([
      ['bagel', 4],
      ['latte', 3],
      ['tea', 1],
    ]);
  });

  it('is empty without tickets', () => {
    expect(allDayTotals([])).toEqual([]);
  });
});

describe('the keyboard bump bar', () => {
  /** Presses keys with places 1..count on screen (or the given set). */
  function press(keys: string[], count: number | number[], gapMs = 100) {
    const shown = new Set(typeof count === 'number' ? Array.from({ length: count }, (_, i) => i + 1) : count);
    const hasPlace = (place: number) => shown.has(place);
    let state: BumpBarState = EMPTY_BUMP_BAR;
    const results = [];
    let now = 10_000;
    for (const key of keys) {
      const result = bumpBarKey(state, key, now, hasPlace);
      if (result.kind !== 'ignore') state = result.state;
      results.push(result);
      now += gapMs;
    }
    return results;
  }

  it('picks a ticket by the number shown on it and Enter bumps it', () => {
    const [pick, bump] = press(['2', 'Enter'], 5);
    expect(pick).toMatchObject({ kind: 'pick', place: 2 });
    expect(bump).toMatchObject({ kind: 'bump', place: 2 });
  });

  it('picks by the shown number, not the position: with tickets 4 and 7 on screen, 7 is 7', () => {
    expect(press(['7', 'Enter'], [4, 7]).at(-1)).toMatchObject({ kind: 'bump', place: 7 });
    expect(press(['2', 'Enter'], [4, 7]).at(-1)).toMatchObject({ kind: 'pick', place: null });
  });

  it('reads quickly typed digits as one number', () => {
    expect(press(['1', '2', 'Enter'], 20).at(-1)).toMatchObject({ kind: 'bump', place: 12 });
  });

  it('starts a new number after a pause', () => {
    expect(press(['1', '3', 'Enter'], 20, 2_000).at(-1)).toMatchObject({ kind: 'bump', place: 3 });
  });

  it('starts over when the digits would name a ticket that is not there', () => {
    expect(press(['3', '4', 'Enter'], 5).at(-1)).toMatchObject({ kind: 'bump', place: 4 });
  });

  it('ignores Enter with nothing typed, so a focused button keeps its Enter', () => {
    expect(press(['Enter'], 5)[0]).toEqual({ kind: 'ignore' });
    expect(press(['1', 'Enter', 'Enter'], 5)[2]).toEqual({ kind: 'ignore' });
  });

  it('takes Enter after digits that name no ticket: clears the pick and bumps nothing', () => {
    const cleared = { kind: 'pick', state: EMPTY_BUMP_BAR, place: null };
    expect(press(['9', 'Enter'], 5)[1]).toEqual(cleared);
    expect(press(['0', 'Enter'], 5)[1]).toEqual(cleared);
  });

  it('clears the pick on Escape', () => {
    expect(press(['1', 'Escape', 'Enter'], 5).slice(1)).toEqual([
      { kind: 'pick', state: EMPTY_BUMP_BAR, place: null },
      { kind: 'ignore' },
    ]);
  });
});
