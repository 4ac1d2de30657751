// A small in-memory stand-in for the Orderline API (idempotent creates and patches, changes feed) with
// switches for faults, so engine tests can script outages precisely. The model test uses the real server.

import type { ChangesResponse } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import type { CreateOrderBody } from '../../../protocol/schemas.ts';
import { applyTransition } from '../../../protocol/status-machine.ts';
import { apiResponse, serverOrderFrom, TEST_DEVICE, type FetchHandler } from './engine-harness.ts';

export interface FakeApi {
  handler: FetchHandler;
  orders: Map<string, Order>;
  seq: number;
  /** Every request seen, in arrival order. */
  log: { method: string; path: string; key: string | null }[];
  /** When true every request fails like a dropped connection. */
  down: boolean;
  /** When true every request is refused with 401 `unauthenticated` (the device was revoked). */
  revoked: boolean;
  /** What GET /api/me answers while not revoked. */
  identity: typeof TEST_DEVICE;
  /** Next answers to give instead of the normal one (e.g. a 503 with Retry-After). */
  scripted: Response[];
  /** Requests in flight now and the most ever at once (writes only). */
  inFlight: number;
  maxInFlight: number;
  /** The most write requests for one order ever in flight at once. */
  maxInFlightPerOrder: number;
  /** Resolves held requests; while set, writes wait for it. */
  hold: Promise<void> | null;
  /** Holds GET /changes until this resolves. */
  holdChanges: Promise<void> | null;
  /** Writes an order change as another device would. */
  touch(id: string, patch: Partial<Order>): Order;
}

/** The order a write is about: the created id, or the id in a PATCH path. */
function writeTarget(method: string, url: URL, body: unknown): string {
  if (method === 'POST' && url.pathname === '/api/orders') return (body as CreateOrderBody).id;
  return url.pathname;
}

export function createFakeApi(): FakeApi {
  const seenKeys = new Map<string, string>();
  const perOrder = new Map<string, number>();
  const api: FakeApi = {
    orders: new Map(),
    seq: 0,
    log: [],
    down: false,
    revoked: false,
    identity: TEST_DEVICE,
    scripted: [],
    inFlight: 0,
    maxInFlight: 0,
    maxInFlightPerOrder: 0,
    hold: null,
    holdChanges: null,
    touch(id, patch) {
      const current = api.orders.get(id);
      if (!current) throw new Error(`no order ${id}`);
      api.seq += 1;
      const next = { ...current, ...patch, seq: api.seq };
      api.orders.set(id, next);
      return next;
    },
    async handler({ method, url, headers, body }) {
      const key = headers.get('idempotency-key');
      api.log.push({ method, path: url.pathname + url.search, key });
      if (api.down) throw new TypeError('Failed to fetch');
      if (api.revoked) {
        return apiResponse(401, { error: { code: 'unauthenticated', message: 'this device is not paired' } });
      }
      // Before the scripted answers: those are meant for the order requests a test is about.
      if (method === 'GET' && url.pathname === '/api/me') return apiResponse(200, api.identity);
      const scripted = api.scripted.shift();
      if (scripted) return scripted;
      if (method === 'GET' && url.pathname === '/api/orders/changes') {
        if (api.holdChanges) await api.holdChanges;
        const since = Number(url.searchParams.get('since') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 500);
        if (since > api.seq) {
          const snapshot: ChangesResponse = {
            orders: [...api.orders.values()].filter((o) =>
              ['pending', 'preparing', 'ready'].includes(o.status),
            ),
            cursor: api.seq,
            more: false,
            reset: true,
          };
          return apiResponse(200, snapshot);
        }
        const changed = [...api.orders.values()].filter((o) => o.seq > since).sort((a, b) => a.seq - b.seq);
        const page = changed.slice(0, limit);
        const response: ChangesResponse = {
          orders: page,
          cursor: page.at(-1)?.seq ?? since,
          more: changed.length > limit,
          reset: false,
        };
        return apiResponse(200, response);
      }
      api.inFlight += 1;
      api.maxInFlight = Math.max(api.maxInFlight, api.inFlight);
      const orderId = writeTarget(method, url, body);
      const forOrder = (perOrder.get(orderId) ?? 0) + 1;
      perOrder.set(orderId, forOrder);
      api.maxInFlightPerOrder = Math.max(api.maxInFlightPerOrder, forOrder);
      try {
        if (api.hold) await api.hold;
        if (method === 'POST' && url.pathname === '/api/orders') {
          const create = body as CreateOrderBody;
          const existing = api.orders.get(create.id);
          if (existing) return apiResponse(200, existing);
          if (create.items.some((item) => item.menuItemId === 'poison')) {
            return apiResponse(422, {
              error: { code: 'unknown_menu_item', message: 'not on the menu: poison' },
            });
          }
          api.seq += 1;
          const order = serverOrderFrom(create, api.seq);
          api.orders.set(order.id, order);
          return apiResponse(201, order);
        }
        const match = /^\/api\/orders\/([^/]+)$/.exec(url.pathname);
        if (method === 'PATCH' && match?.[1]) {
          const current = api.orders.get(match[1]);
          if (!current) return apiResponse(404, { error: { code: 'not_found', message: 'no such order' } });
          if (key && seenKeys.has(key)) return apiResponse(200, current);
          if (key) seenKeys.set(key, current.id);
          const patch = body as { status?: Order['status']; paid?: true };
          const status = patch.status ? applyTransition(current.status, patch.status) : current.status;
          const paid = current.paid || patch.paid === true;
          if (status === current.status && paid === current.paid) return apiResponse(200, current);
          return apiResponse(200, api.touch(current.id, { status, paid }));
        }
        return apiResponse(404, { error: { code: 'not_found', message: 'unknown route' } });
      } finally {
        api.inFlight -= 1;
        perOrder.set(orderId, (perOrder.get(orderId) ?? 1) - 1);
      }
    },
  };
  return api;
}
