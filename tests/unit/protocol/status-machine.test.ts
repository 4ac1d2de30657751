// The forward-only status machine for every pair of statuses (DESIGN.md principle 4).

import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../../../protocol/order.ts';
import { applyTransition, canTransition, nextStatus } from '../../../protocol/status-machine.ts';

/** The allowed forward moves, written out by hand so the table, not the code, is the spec. */
const ALLOWED: Record<OrderStatus, OrderStatus[]> = {
  pending: ['preparing', 'ready', 'completed', 'cancelled'],
  preparing: ['ready', 'completed', 'cancelled'],
  ready: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

describe('status machine', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const allowed = ALLOWED[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'a forward move' : 'a no-op'}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        expect(applyTransition(from, to)).toBe(allowed ? to : from);
      });
    }
  }

  it('applying the same transitions in any order ends in the same state', () => {
    const permutations = (items: OrderStatus[]): OrderStatus[][] =>
      items.length <= 1
        ? [items]
        : items.flatMap((item, i) =>
            permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
          );
    for (const set of [
      ['preparing', 'ready', 'completed'],
      ['ready', 'preparing'],
      ['preparing', 'completed', 'ready', 'preparing'],
    ] as OrderStatus[][]) {
      const ends = new Set(permutations(set).map((order) => order.reduce(applyTransition, 'pending')));
      expect(ends.size).toBe(1);
    }
  });

  it('the normal flow steps pending → preparing → ready → completed and stops at final statuses', () => {
    expect(nextStatus('pending')).toBe('preparing');
    expect(nextStatus('preparing')).toBe('ready');
    expect(nextStatus('ready')).toBe('completed');
    expect(nextStatus('completed')).toBeNull();
    expect(nextStatus('cancelled')).toBeNull();
  });
});
