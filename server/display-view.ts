// What a display device may read of an order (DESIGN Part 2 roles: a display shows the Ready board): the board
// shows an active order's number and first name, so a display never gets notes, full names, or the customer of a
// finished order, whichever route or stream it reads them through (issue 26).

import { isActive, type Order } from '../protocol/order.ts';
import type { Role } from '../protocol/roles.ts';

/** The first word of a customer name, as the board prints it. */
function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/** The order as a display may see it; every other role sees it whole. */
export function orderForRole<T extends Order>(order: T, role: Role | undefined): T {
  if (role !== 'display') return order;
  return {
    ...order,
    customerName: isActive(order) ? firstWord(order.customerName) : '',
    note: '',
    items: order.items.map((item) => ({ ...item, note: '' })),
  };
}

export function ordersForRole<T extends Order>(orders: readonly T[], role: Role | undefined): T[] {
  return role === 'display' ? orders.map((order) => orderForRole(order, role)) : [...orders];
}
