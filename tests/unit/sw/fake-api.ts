// A small in-memory stand-in for the Orderline API (idempotent creates and patches, changes feed) with
// switches for faults, so engine tests can script outages precisely. The model test uses the real server.

import type { BatchRequest, BatchResult, ChangesResponse } from '../../../protocol/api.ts';
import type { Order } from '../../../protocol/order.ts';
import type { CreateOrderBody } from '../../../protocol/schemas.ts';
import { applyTransition } from '../../../protocol/status-machine.ts';
import type { PaymentInput, RefundInput } from '../../../protocol/payments.ts';
import { apiResponse, serverOrderFrom, TEST_DEVICE, type FetchHandler } from './engine-harness.ts';
import { createFakeMoney, type FakeMoney } from './fake-money.ts';

export interface FakeApi {
  handler: FetchHandler;
  /** Payments, refunds, drawers and Z reports (tests/unit/sw/fake-money.ts). */
  money: FakeMoney;
  orders: Map<string, Order>;
  seq: number;
  /** Every request seen, in arrival order. */
  log: { method: string; path: string; key: string | null }[];
  /** Every create and change the API received, alone or inside a batch, in the order it applied them. */
  mutations: { method: string; path: string; key: string | null }[];
  /** Next answers to POST /api/batch instead of the normal one. */
  scriptedBatch: Response[];
  /** False plays a server from before POST /api/batch (it answers 404). */
  batchSupported: boolean;
  /** Sizes of the POST /api/batch requests received, in order. */
  batches: number[];
  /** When true every request fails like a dropped connection. */
  down: boolean;
  /** When true every request is refused with 401 `unauthenticated` (the device was revoked). */
  revoked: boolean;
  /** What GET /api/me answers while not revoked. */
  identity: typeof TEST_DEVICE;
  /** Next answers to give instead of the normal one (e.g. a 503 with Retry-After). */
  scripted: Response[];
  /** Mutations in flight now and the most ever at once (a batch counts each of its mutations). */
  inFlight: number;
  maxInFlight: number;
  /** The most write requests for one order ever in flight at once. */
  maxInFlightPerOrder: number;
  /** Resolves held requests; while set, writes wait for it. */
  hold: Promise<void> | null;
  /** Holds the continuation pages of a reset (`snapshotAfter`) until this resolves. */
  holdSnapshot: Promise<void> | null;
  /** Holds GET /changes until this resolves. */
  holdChanges: Promise<void> | null;
  /** Writes an order change as another device would. */
  touch(id: string, patch: Partial<Order>): Order;
  /**
   * An order another device created on the server: numbered `<prefix>-001`, … in this API, created 1 ms apart
   * from 2026-11-25T08:00Z unless `createdAt` is given.
   */
  remoteOrder(options?: { prefix?: string; createdAt?: string }): Order;
}

const DRAWER_PATHS = {
  'drawer-open': '/api/drawer/open',
  'drawer-move': '/api/drawer/movements',
  'drawer-close': '/api/drawer/close',
} as const;
const DRAWER_OPS = new Map<string, keyof typeof DRAWER_PATHS>(
  Object.entries(DRAWER_PATHS).map(([op, path]) => [path, op as keyof typeof DRAWER_PATHS]),
);

/** The order a write is about: the created id, or the id in a PATCH path. */
function writeTarget(method: string, url: URL, body: unknown): string {
  if (method === 'POST' && url.pathname === '/api/orders') return (body as CreateOrderBody).id;
  // A payment or refund is a write of its order (/api/orders/:id/payments): the same FIFO lane.
  return /^\/api\/orders\/[^/]+/.exec(url.pathname)?.[0] ?? url.pathname;
}

export function createFakeApi(): FakeApi {
  const seenKeys = new Map<string, string>();
  const perOrder = new Map<string, number>();
  let remoteMade = 0;
  const api: FakeApi = {
    money: createFakeMoney(),
    orders: new Map(),
    seq: 0,
    log: [],
    batches: [],
    batchSupported: true,
    scriptedBatch: [],
    mutations: [],
    down: false,
    revoked: false,
    identity: TEST_DEVICE,
    scripted: [],
    inFlight: 0,
    maxInFlight: 0,
    maxInFlightPerOrder: 0,
    hold: null,
    holdChanges: null,
    holdSnapshot: null,
    remoteOrder({ prefix = 'Z', createdAt }: { prefix?: string; createdAt?: string } = {}) {
      remoteMade += 1;
      api.seq += 1;
      const order = serverOrderFrom(
        {
          id: `0190f0a0-0000-7000-8000-${String(remoteMade).padStart(12, '0')}`,
          number: `${prefix}-${String(remoteMade).padStart(3, '0')}`,
          deviceId: '0190f0a0-0000-7000-8000-0000000000ff',
          createdAt: createdAt ?? new Date(Date.parse('2026-11-25T08:00:00Z') + remoteMade).toISOString(),
          items: [{ menuItemId: 'espresso', qty: 1 }],
        },
        api.seq,
      );
      api.orders.set(order.id, order);
      return order;
    },
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
        const snapshotAfter = url.searchParams.get('snapshotAfter');
        if (snapshotAfter !== null && api.holdSnapshot) await api.holdSnapshot;
        if (since === 0 || since > api.seq || snapshotAfter !== null) {
          // A reset, as the real server pages it: active orders by seq in (snapshotAfter, cursor].
          const head = snapshotAfter !== null && since <= api.seq ? since : api.seq;
          const after = snapshotAfter !== null && since <= api.seq ? Number(snapshotAfter) : 0;
          const active = [...api.orders.values()]
            .filter(
              (o) => ['pending', 'preparing', 'ready'].includes(o.status) && o.seq > after && o.seq <= head,
            )
            .sort((a, b) => a.seq - b.seq);
          const page = active.slice(0, limit);
          const more = active.length > limit;
          const snapshot: ChangesResponse = { orders: page, cursor: head, more, reset: true };
          if (more) snapshot.snapshotAfter = page.at(-1)?.seq ?? after;
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
      if (method === 'GET' && url.pathname === '/api/drawer') {
        const answer = api.money.getDrawer(url.searchParams.get('deviceId') ?? '');
        return apiResponse(answer.status, answer.body);
      }
      const batchAnswer = url.pathname === '/api/batch' ? api.scriptedBatch.shift() : undefined;
      if (batchAnswer) return batchAnswer;
      if (method === 'POST' && url.pathname === '/api/batch' && api.batchSupported) {
        const { mutations } = body as BatchRequest;
        api.batches.push(mutations.length);
        // Every mutation of a batch is in flight at once: count them per order (create and change alike).
        const perBatch = new Map<string, number>();
        for (const m of mutations) {
          const id = m.op === 'create' ? (m.body as CreateOrderBody).id : 'orderId' in m ? m.orderId : m.op;
          perBatch.set(id, (perBatch.get(id) ?? 0) + 1);
        }
        api.maxInFlightPerOrder = Math.max(api.maxInFlightPerOrder, ...perBatch.values());
        // Each mutation is applied exactly as its lone request (all of them in flight together).
        const answers = await Promise.all(
          (body as BatchRequest).mutations.map((m) =>
            m.op === 'create'
              ? write('POST', new URL('/api/orders', url), m.key, m.body)
              : m.op === 'patch'
                ? write('PATCH', new URL(`/api/orders/${m.orderId}`, url), m.key, m.body)
                : 'orderId' in m
                  ? write('POST', new URL(`/api/orders/${m.orderId}/${m.op}s`, url), m.key, m.body)
                  : write('POST', new URL(DRAWER_PATHS[m.op], url), m.key, m.body),
          ),
        );
        const results: BatchResult[] = [];
        for (const answer of answers) {
          const json = (await answer.json()) as Order & Omit<BatchResult, 'status' | 'order'>;
          results.push(
            json.error
              ? { status: answer.status, error: json.error }
              : json.drawer
                ? { status: answer.status, drawer: json.drawer }
                : json.report
                  ? { status: answer.status, report: json.report }
                  : { status: answer.status, order: json },
          );
        }
        return apiResponse(200, { results });
      }
      return write(method, url, key, body);
    },
  };

  /** One create or change, as the real server answers it alone. */
  async function write(method: string, url: URL, key: string | null, body: unknown): Promise<Response> {
    api.mutations.push({ method, path: url.pathname, key });
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
      const money = /^\/api\/orders\/([^/]+)\/(payments|refunds)$/.exec(url.pathname);
      if (method === 'POST' && money?.[1]) {
        const touch = (o: Order) => api.touch(o.id, o);
        const answer =
          money[2] === 'payments'
            ? api.money.payment(api.orders.get(money[1]), key, body as PaymentInput, touch)
            : api.money.refund(api.orders.get(money[1]), key, body as RefundInput, touch);
        return apiResponse(answer.status, answer.body);
      }
      const drawerOp = DRAWER_OPS.get(url.pathname);
      if (method === 'POST' && drawerOp) {
        const answer = api.money.drawerOp(drawerOp, body as Record<string, unknown>);
        return apiResponse(answer.status, answer.body);
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
  }
  return api;
}
