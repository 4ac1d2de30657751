// Seeds orders straight through the public HTTP API (as the owner, from a device paired over HTTP), for specs
// and screenshots that need many orders in a given state faster than clicking them in. Never a fake data path:
// the server stores them and every device learns them through its changes feed, as any other order.
//
// API: seedOrders(baseUrl, { customers, status?, note? }) → the created orders, in creation order (oldest first);
//      finishActiveOrders(baseUrl) → completes every active order, so a spec starts from an empty board

import { v7 as uuidv7 } from 'uuid';
import type { MenuResponse } from '../../../protocol/api.ts';
import type { Order, OrderStatus } from '../../../protocol/order.ts';
import { fetchActiveOrders } from './api.ts';
import { OWNER_AUTH, pairOverHttp } from './pair-device.ts';

async function send<T>(url: string, method: 'POST' | 'PATCH', body: unknown, key: string): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** The statuses an order passes through on its way to `status` (the server moves one step at a time too). */
const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
  pending: [],
  preparing: ['preparing'],
  ready: ['preparing', 'ready'],
  completed: ['preparing', 'ready', 'completed'],
  cancelled: ['cancelled'],
};

export interface SeedOptions {
  /** One order per name ('' = no name). */
  customers: readonly string[];
  status?: OrderStatus;
  /** A note on the first item of every order. */
  note?: string;
  /** Menu items per order (default 1). */
  itemCount?: number;
}

export async function seedOrders(
  baseUrl: string,
  { customers, status = 'pending', note = '', itemCount = 1 }: SeedOptions,
): Promise<Order[]> {
  const paired = await pairOverHttp(baseUrl, { name: 'seed' });
  const menuResponse = await fetch(`${baseUrl}/api/menu`, { headers: OWNER_AUTH });
  const menu = (await menuResponse.json()) as MenuResponse;
  const items = menu.items.filter((item) => item.available);
  const orders: Order[] = [];
  // One at a time: creation order is the order of `receivedAt`, which the kitchen and board sort by.
  for (const [i, customerName] of customers.entries()) {
    const id = uuidv7();
    let order = await send<Order>(
      `${baseUrl}/api/orders`,
      'POST',
      {
        id,
        number: `${paired.device.code}-${String(i + 1).padStart(3, '0')}`,
        deviceId: paired.device.id,
        createdAt: new Date().toISOString(),
        customerName,
        items: Array.from({ length: itemCount }, (_, k) => ({
          menuItemId: items[(i + k) % items.length]!.id,
          qty: 1 + (k % 2),
          ...(k === 0 && note !== '' ? { note } : {}),
        })),
      },
      id,
    );
    for (const next of PATH_TO[status]) {
      order = await send<Order>(`${baseUrl}/api/orders/${id}`, 'PATCH', { status: next }, uuidv7());
    }
    orders.push(order);
  }
  return orders;
}

export async function finishActiveOrders(baseUrl: string): Promise<void> {
  for (const order of await fetchActiveOrders(baseUrl)) {
    await send(`${baseUrl}/api/orders/${order.id}`, 'PATCH', { status: 'completed' }, uuidv7());
  }
}
