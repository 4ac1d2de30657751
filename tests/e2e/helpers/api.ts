// Reads the server's truth over the public HTTP API (DESIGN.md "HTTP API") so specs can check what the
// server holds — e.g. "each order exactly once" — independently of what any browser shows. Reads as the owner.
//
// API (stable): fetchActiveOrders(baseUrl), fetchAllOrders(baseUrl), fetchMenu(baseUrl), countIds(orders)

import type { ActiveOrdersResponse, MenuResponse } from '../../../protocol/api.ts';
import type { HistoryResponse } from '../../../protocol/history.ts';
import type { Order } from '../../../protocol/order.ts';
import { OWNER_AUTH } from './pair-device.ts';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: OWNER_AUTH, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url} → HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** `GET /api/orders?status=active`, every page: the active orders, newest first. */
export async function fetchActiveOrders(baseUrl: string): Promise<Order[]> {
  const orders: Order[] = [];
  let next = '';
  for (;;) {
    const page = await getJson<ActiveOrdersResponse>(`${baseUrl}/api/orders?status=active&limit=1000${next}`);
    orders.push(...page.orders);
    if (!page.more || page.nextCursor === undefined) return orders;
    next = `&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
}

/** `GET /api/orders/history`, every page: the finished orders, newest first. */
async function fetchFinishedOrders(baseUrl: string): Promise<Order[]> {
  const orders: Order[] = [];
  let next = '';
  for (;;) {
    const page = await getJson<HistoryResponse>(`${baseUrl}/api/orders/history?limit=200${next}`);
    orders.push(...page.orders);
    if (page.nextCursor === null) return orders;
    next = `&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
}

/**
 * Every order the server holds: the active list and the history of finished ones (the changes feed from 0 is
 * only the active snapshot since Part 2). An order that finishes between the two reads would be read twice, so
 * the union is keyed by id; the database's primary key already rules out two rows with one id.
 */
export async function fetchAllOrders(baseUrl: string): Promise<Order[]> {
  const byId = new Map<string, Order>();
  for (const order of await fetchActiveOrders(baseUrl)) byId.set(order.id, order);
  for (const order of await fetchFinishedOrders(baseUrl)) byId.set(order.id, order);
  return [...byId.values()];
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
