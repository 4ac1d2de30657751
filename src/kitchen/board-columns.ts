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
 * Remembers when this screen saw each order turn ready. Orders already ready when the board first loads are
 * not "just ready" (a restart must not flash every number).
 */
export class ReadyWatch {
  private readySince = new Map<string, number>();
  private known: Set<string> | null = null;

  /** Feeds the current ready ids; returns the ids that became ready now. */
  update(readyIds: readonly string[], nowMs: number): string[] {
    const fresh: string[] = [];
    const current = new Set(readyIds);
    if (this.known !== null) {
      for (const id of readyIds) {
        if (!this.known.has(id)) {
          this.readySince.set(id, nowMs);
          fresh.push(id);
        }
      }
    }
    for (const id of this.readySince.keys()) if (!current.has(id)) this.readySince.delete(id);
    this.known = current;
    return fresh;
  }

  isJustReady(id: string, nowMs: number): boolean {
    const since = this.readySince.get(id);
    return since !== undefined && nowMs - since < JUST_READY_MS;
  }
}
