// Pure rules of the Ready board: what goes in Preparing and Ready, in what order, how a customer is named
// on a public screen (first name only), and which numbers just became ready (highlighted for 10 s).
import type { ClientOrder } from '../../protocol/order.ts';
import { compareOldestFirst, isTicket } from './kitchen-tickets.ts';

export const JUST_READY_MS = 10_000;

export interface BoardColumns {
  preparing: ClientOrder[];
  ready: ClientOrder[];
}

/** Preparing: every pending or preparing order, oldest first. Ready: most recently ready first. */
export function boardColumns(orders: Iterable<ClientOrder>): BoardColumns {
  const preparing: ClientOrder[] = [];
  const ready: ClientOrder[] = [];
  for (const order of orders) {
    if (isTicket(order)) preparing.push(order);
    else if (order.status === 'ready') ready.push(order);
  }
  preparing.sort(compareOldestFirst);
  ready.sort((a, b) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : 0));
  return { preparing, ready };
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
