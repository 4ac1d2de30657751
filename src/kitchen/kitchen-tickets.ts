// Pure rules of the Kitchen screen: which orders are tickets and in what order, how old a ticket is (from
// server time, so every kitchen screen agrees), when it turns warning or late, and the All day totals.
import type { ClientOrder, OrderStatus } from '../../protocol/order.ts';
import { DEFAULT_SETTINGS, type ShopSettings } from '../../protocol/settings.ts';
import { unreachable } from '../../protocol/unreachable.ts';

/** When a ticket turns `warning` and `late` in milliseconds, from the owner's settings in minutes. */
export function thresholdsOf(
  settings: Pick<ShopSettings, 'kitchenWarningMinutes' | 'kitchenLateMinutes'>,
): AgeThresholds {
  return { warningMs: settings.kitchenWarningMinutes * 60_000, lateMs: settings.kitchenLateMinutes * 60_000 };
}

/** Defaults for when a ticket turns `warning` and `late` (DESIGN.md Part 2, "Kitchen"): protocol/settings.ts. */
export const DEFAULT_THRESHOLDS: AgeThresholds = thresholdsOf(DEFAULT_SETTINGS);

export interface AgeThresholds {
  warningMs: number;
  lateMs: number;
}

export type AgeLevel = 'fresh' | 'warning' | 'late';

export function isTicket(order: { status: OrderStatus }): boolean {
  return order.status === 'pending' || order.status === 'preparing';
}

/**
 * When the ticket's clock started: the server's `receivedAt` (the same instant on every device), or the
 * device's own `createdAt` while the server has not confirmed the order yet (an offline counter's order).
 */
export function ticketStart(order: Pick<ClientOrder, 'receivedAt' | 'createdAt'>): string {
  return order.receivedAt ?? order.createdAt;
}

/** Oldest first by server receipt, then by id (UUIDv7, time-ordered) so ties sort the same everywhere. */
export function compareOldestFirst(a: ClientOrder, b: ClientOrder): number {
  const at = ticketStart(a);
  const bt = ticketStart(b);
  if (at !== bt) return at < bt ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** The kitchen's tickets out of any collection of orders: pending and preparing only, oldest first. */
export function kitchenTickets(orders: Iterable<ClientOrder>): ClientOrder[] {
  const tickets: ClientOrder[] = [];
  for (const order of orders) if (isTicket(order)) tickets.push(order);
  return tickets.sort(compareOldestFirst);
}

export function ageMs(order: Pick<ClientOrder, 'receivedAt' | 'createdAt'>, nowMs: number): number {
  return Math.max(0, nowMs - Date.parse(ticketStart(order)));
}

export function ageLevel(age: number, thresholds: AgeThresholds = DEFAULT_THRESHOLDS): AgeLevel {
  if (age >= thresholds.lateMs) return 'late';
  if (age >= thresholds.warningMs) return 'warning';
  return 'fresh';
}

/**
 * The next instant after `nowMs` at which any ticket turns warning or late, or null when none will: the
 * screen re-renders tickets then, not every second (each timer ticks on its own).
 */
export function nextLevelChangeAt(
  tickets: readonly Pick<ClientOrder, 'receivedAt' | 'createdAt'>[],
  thresholds: AgeThresholds,
  nowMs: number,
): number | null {
  let next: number | null = null;
  for (const ticket of tickets) {
    const start = Date.parse(ticketStart(ticket));
    for (const at of [start + thresholds.warningMs, start + thresholds.lateMs]) {
      if (at > nowMs && (next === null || at < next)) next = at;
    }
  }
  return next;
}

/** "m:ss" (or "h:mm:ss") for the ticket timer. */
export function formatTimer(age: number): string {
  const total = Math.floor(age / 1000);
  const seconds = String(total % 60).padStart(2, '0');
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}:${seconds}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${seconds}`;
}

/** The status a bump moves a ticket to; ready leaves the kitchen. */
export function bumpTarget(status: OrderStatus): OrderStatus | null {
  switch (status) {
    case 'pending':
      return 'preparing';
    case 'preparing':
      return 'ready';
    case 'ready':
    case 'completed':
    case 'cancelled':
      return null;
    default:
      return unreachable(status);
  }
}

export interface AllDayLine {
  menuItemId: string;
  name: string;
  qty: number;
}

/** Each menu item's quantity across the tickets, most first, then by name. */
export function allDayTotals(tickets: readonly ClientOrder[]): AllDayLine[] {
  const lines = new Map<string, AllDayLine>();
  for (const ticket of tickets) {
    for (const item of ticket.items) {
      const line = lines.get(item.menuItemId);
      if (line) line.qty += item.qty;
      else lines.set(item.menuItemId, { menuItemId: item.menuItemId, name: item.name, qty: item.qty });
    }
  }
  return [...lines.values()].sort((a, b) => b.qty - a.qty || a.name.localeCompare(b.name));
}
