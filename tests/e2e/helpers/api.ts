// Reads the server's truth over the public HTTP API (DESIGN.md "HTTP API") so specs can check what the
// server holds — e.g. "each order exactly once" — independently of what any browser shows. Reads as the owner.
//
// API (stable): fetchActiveOrders(baseUrl), fetchAllOrders(baseUrl), fetchMenu(baseUrl), countIds(orders)

import type { ActiveOrdersResponse, ChangesResponse, MenuResponse } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import { OWNER_AUTH } from './pair-device.ts';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: OWNER_AUTH, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url} → HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** `GET /api/orders?status=active`: the active orders, newest first. */
export async function fetchActiveOrders(baseUrl: string): Promise<Order[]> {
  const body = await getJson<ActiveOrdersResponse>(`${baseUrl}/api/orders?status=active`);
  return body.orders;
}

/** Every retained order, by paging `GET /api/orders/changes?since=…` until `more` is false. */
export async function fetchAllOrders(baseUrl: string): Promise<Order[]> {
  const orders: Order[] = [];
  let since = 0;
  for (;;) {
    const page = await getJson<ChangesResponse>(`${baseUrl}/api/orders/changes?since=${since}&limit=1000`);
    orders.push(...page.orders);
    if (!page.more) return orders;
    if (page.cursor <= since) throw new Error(`changes feed did not advance past cursor ${since}`);
    since = page.cursor;
  }
}

export async function fetchMenu(baseUrl: string): Promise<MenuResponse> {
  return getJson<MenuResponse>(`${baseUrl}/api/menu`);
}

/** How many times each id appears: a correct server shows every order exactly once. */
export function countIds(orders: readonly { id: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of orders) counts.set(order.id, (counts.get(order.id) ?? 0) + 1);
  return counts;
}
