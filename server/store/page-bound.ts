// Cuts a page of orders at `limit` orders or `maxBytes` of JSON, whichever comes first (DESIGN.md Limits),
// but never at zero: one order larger than the bound still goes out alone. Pure.

import type { Order } from '../../protocol/order.ts';

export interface BoundedPage {
  orders: Order[];
  /** Orders were left out (by count or by size). */
  cut: boolean;
}

/** `candidates` may hold more than `limit` (callers read limit + 1 to learn whether more remain). */
export function boundPage(candidates: readonly Order[], limit: number, maxBytes: number): BoundedPage {
  const orders: Order[] = [];
  // The envelope (`{"orders":[…],"cursor":…}`) is small and fixed; counting it keeps the bound honest.
  let bytes = 128;
  for (const order of candidates) {
    if (orders.length >= limit) return { orders, cut: true };
    const size = Buffer.byteLength(JSON.stringify(order)) + 1;
    if (orders.length > 0 && bytes + size > maxBytes) return { orders, cut: true };
    orders.push(order);
    bytes += size;
  }
  return { orders, cut: false };
}
