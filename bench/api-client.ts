// The bench's own HTTP client for the Orderline API (DESIGN.md "HTTP API"): seeding orders, completing them,
// reading the changes feed and /metrics. It speaks only the public contract, like any other client.
// Every request authenticates as the owner with ORDERLINE_ADMIN_TOKEN (the e2e servers' token by default).
import { v7 as uuidv7 } from 'uuid';
import type { ActiveOrdersResponse, ChangesResponse, MenuItem, MenuResponse } from '../protocol/api.ts';
import type { Order } from '../protocol/order.ts';
import type { PairResponse, PairingResponse } from '../protocol/pairing.ts';
import { E2E_ADMIN_TOKEN } from '../tests/e2e/helpers/server-process.ts';

const ADMIN_AUTH = { authorization: `Bearer ${process.env.ORDERLINE_ADMIN_TOKEN || E2E_ADMIN_TOKEN}` };

/** A shed request (503 `unavailable`) is tried again this many times before the call fails. */
const SHED_RETRIES = 8;

/**
 * One API call. A 503 from the server's overload guard (@fastify/under-pressure, before any handler ran, with
 * `Retry-After`) is tried again after a pause, as the app's worker does: on a machine the bench itself loads to
 * 12–15, the seeding around a measure was refused that way and failed the whole scenario (the smoke test of
 * issue 26's second loaded run). The measured requests are the app's, never these.
 */
async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const headers = { ...ADMIN_AUTH, ...(init.headers as Record<string, string> | undefined) };
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    if (response.status === 503 && attempt < SHED_RETRIES) {
      const retryAfterS = Number(response.headers.get('retry-after'));
      const pauseMs =
        Number.isFinite(retryAfterS) && retryAfterS > 0 ? Math.min(retryAfterS * 1000, 2_000) : 250;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * (1 + attempt / 2)));
      continue;
    }
    if (!response.ok)
      throw new Error(`${init.method ?? 'GET'} ${url} → HTTP ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}

export async function fetchMenuItems(baseUrl: string): Promise<MenuItem[]> {
  const menu = await call<MenuResponse>(`${baseUrl}/api/menu`);
  if (menu.items.length === 0) throw new Error('the server menu is empty');
  return menu.items;
}

export interface BenchDevice {
  deviceId: string;
  code: string;
  counter: number;
}

/** A paired device for orders the bench sends itself (pairing hands out the id and ticket code). */
export async function registerDevice(baseUrl: string): Promise<BenchDevice> {
  const pairing = await call<PairingResponse>(`${baseUrl}/api/pairings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'counter' }),
  });
  const paired = await call<PairResponse>(`${baseUrl}/api/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: pairing.code, name: 'bench' }),
  });
  return { deviceId: paired.device.id, code: paired.device.code, counter: 0 };
}

export interface CreateBody {
  id: string;
  number: string;
  deviceId: string;
  createdAt: string;
  customerName: string;
  items: { menuItemId: string; qty: number }[];
}

export function newOrderBody(device: BenchDevice, menuItemId: string, customerName: string): CreateBody {
  device.counter += 1;
  return {
    id: uuidv7(),
    number: `${device.code}-${String(device.counter).padStart(3, '0')}`,
    deviceId: device.deviceId,
    createdAt: new Date().toISOString(),
    customerName,
    items: [{ menuItemId, qty: 1 }],
  };
}

export async function postOrder(baseUrl: string, body: CreateBody): Promise<Order> {
  return call<Order>(`${baseUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': body.id },
    body: JSON.stringify(body),
  });
}

export async function completeOrder(baseUrl: string, id: string): Promise<Order> {
  return call<Order>(`${baseUrl}/api/orders/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'idempotency-key': uuidv7() },
    body: JSON.stringify({ status: 'completed' }),
  });
}

/** Runs `task` over `items`, `concurrency` at a time (the server groups concurrent writes). */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<unknown>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function fetchOrder(baseUrl: string, id: string): Promise<Order> {
  return call<Order>(`${baseUrl}/api/orders/${id}`);
}

/** Every active order: the list is paged (newest first), so this follows `nextCursor` to the last page. */
export async function activeOrders(baseUrl: string): Promise<Order[]> {
  const orders: Order[] = [];
  let token: string | undefined;
  do {
    const query = token === undefined ? '' : `&cursor=${encodeURIComponent(token)}`;
    const page = await call<ActiveOrdersResponse>(`${baseUrl}/api/orders?status=active${query}`);
    orders.push(...page.orders);
    token = page.more === true ? page.nextCursor : undefined;
  } while (token !== undefined);
  return orders;
}

/** Completes every active order, so one measure's leftovers never weigh on the next. */
export async function completeAllActive(baseUrl: string): Promise<number> {
  const orders = await activeOrders(baseUrl);
  await inParallel(orders, 16, (order) => completeOrder(baseUrl, order.id));
  return orders.length;
}

export async function changesSince(baseUrl: string, since: number): Promise<ChangesResponse> {
  return call<ChangesResponse>(`${baseUrl}/api/orders/changes?since=${since}&limit=1000`);
}

/** The server's current change cursor (the active list carries it). */
export async function currentCursor(baseUrl: string): Promise<number> {
  return (await call<{ cursor: number }>(`${baseUrl}/api/orders?status=active`)).cursor;
}

export async function metricsText(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: ADMIN_AUTH,
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`GET /metrics → HTTP ${response.status}`);
  return response.text();
}
