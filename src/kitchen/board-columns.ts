// Pure rules of the Ready board: what goes in Preparing and Ready, in what order, how big the numbers are
// drawn so a whole column fits the screen, how a customer is named on a public screen (first name only), and
// which numbers just became ready (highlighted for 10 s).
import type { ClientOrder } from '../../protocol/order.ts';
import { compareOldestFirst, isTicket } from './kitchen-tickets.ts';

export const JUST_READY_MS = 10_000;

export interface BoardColumns {
  preparing: ClientOrder[];
  ready: ClientOrder[];
}

/**
 * Preparing: every pending or preparing order, oldest first. Ready: the longest waiting first (the order's last
 * change, which for a ready order is the move to ready; then id), so the customers who waited longest are at
 * the top of the screen, never the ones cut off.
 */
export function boardColumns(orders: Iterable<ClientOrder>): BoardColumns {
  const preparing: ClientOrder[] = [];
  const ready: ClientOrder[] = [];
  for (const order of orders) {
    if (isTicket(order)) preparing.push(order);
    else if (order.status === 'ready') ready.push(order);
  }
  preparing.sort(compareOldestFirst);
  ready.sort((a, b) =>
    a.updatedAt !== b.updatedAt
      ? a.updatedAt < b.updatedAt
        ? -1
        : 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0,
  );
  return { preparing, ready };
}

/** How large a column draws its numbers (kitchen.css sizes each from the screen's width and height). */
export type BoardDensity = 'roomy' | 'dense' | 'packed';

/**
 * The largest size at which `count` numbers fit their column on screen. Ready is twice as wide as Preparing;
 * the limits are what a 16:9 screen holds at each size (30 ready fit at `dense`, ≥ 40 px on 1920×1080).
 */
const LIMITS: Record<'preparing' | 'ready', { roomy: number; dense: number; packed: number }> = {
  preparing: { roomy: 5, dense: 14, packed: 30 },
  ready: { roomy: 12, dense: 36, packed: 70 },
};

export function boardDensity(column: 'preparing' | 'ready', count: number): BoardDensity {
  const limits = LIMITS[column];
  if (count <= limits.roomy) return 'roomy';
  if (count <= limits.dense) return 'dense';
  return 'packed';
}

/** How many numbers a column shows at most; the rest are counted in a line under it ("and 5 more"). */
export function boardCapacity(column: 'preparing' | 'ready'): number {
  return LIMITS[column].packed;
}

/** A customer-facing screen shows the first name only. */
export function firstName(customerName: string): string {
  return customerName.trim().split(/\s+/)[0] ?? '';
}

/**
 * Remembers when this screen saw each order turn ready. Only an order this board saw under Preparing counts
 * as "just ready": what was already ready when the board started (or that a new device's first sync brought
 * in ready) must not flash.
 */
export class ReadyWatch {
  private readySince = new Map<string, number>();
  private wasPreparing = new Set<string>();

  /** Feeds the current columns; returns the ids that became ready now. */
  update(preparingIds: readonly string[], readyIds: readonly string[], nowMs: number): string[] {
    const fresh: string[] = [];
    const ready = new Set(readyIds);
    for (const id of readyIds) {
      if (this.wasPreparing.has(id)) {
        this.readySince.set(id, nowMs);
        fresh.push(id);
      }
    }
    this.wasPreparing = new Set(preparingIds);
    for (const id of this.readySince.keys()) if (!ready.has(id)) this.readySince.delete(id);
    return fresh;
  }

  isJustReady(id: string, nowMs: number): boolean {
    const since = this.readySince.get(id);
    return since !== undefined && nowMs - since < JUST_READY_MS;
  }
}
