// The forward-only status machine (DESIGN.md principle 4). Replays and stale transitions are no-ops,
// so applying the same set of transitions in any order ends in the same state.

import { isActiveStatus, type OrderStatus } from './order.ts';
import { unreachable } from './unreachable.ts';

const RANK: Record<OrderStatus, number> = {
  pending: 0,
  preparing: 1,
  ready: 2,
  completed: 3,
  cancelled: 3,
};

/**
 * True when moving `from` → `to` is a real forward move: an active order may move to any later
 * active status, to `completed`, or to `cancelled`. Final statuses never move; same → same is a no-op.
 */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  if (!isActiveStatus(from)) return false;
  if (to === 'cancelled') return true;
  return RANK[to] > RANK[from];
}

/** The status after applying a requested transition: the request if it moves forward, else unchanged. */
export function applyTransition(current: OrderStatus, requested: OrderStatus): OrderStatus {
  return canTransition(current, requested) ? requested : current;
}

/** The next step of the normal flow (what the counter's main button does), or null when final. */
export function nextStatus(status: OrderStatus): OrderStatus | null {
  switch (status) {
    case 'pending':
      return 'preparing';
    case 'preparing':
      return 'ready';
    case 'ready':
      return 'completed';
    case 'completed':
    case 'cancelled':
      return null;
    default:
      return unreachable(status);
  }
}
