// The order routes of DESIGN.md "HTTP API". Handlers validate with the valibot schemas from
// protocol/, call the store, and answer with exact status codes. Each declares who may call it.

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { IDEMPOTENCY_HEADER, type ActiveOrdersResponse, type ChangesResponse } from '../protocol/api.ts';
import { ACCESS } from '../protocol/roles.ts';
import {
  ActiveOrdersQuerySchema,
  ChangesQuerySchema,
  createOrderBodySchema,
  EventsQuerySchema,
  UuidSchema,
  describeIssues,
} from '../protocol/schemas.ts';
import { sendError } from './api-error.ts';
import type { SseHub } from './events.ts';
import type { Metrics } from './metrics.ts';
import { answerChange, answerCreate, judgeChange, judgeCreate, sendAnswer } from './order-mutations.ts';
import { decodeActiveToken } from './store/active-page-token.ts';
import type { MenuStore } from './store/menu-store.ts';
import type { OrderStore } from './store/order-store.ts';
import { orderForRole, ordersForRole } from './display-view.ts';

export interface ApiRoutesOptions {
  store: OrderStore;
  menu: MenuStore;
  hub: SseHub;
  metrics: Metrics;
  /** The clock createdAt is judged against. */
  now: () => number;
}

const LAST_EVENT_ID = /^[0-9]{1,15}$/;

export async function apiRoutes(app: FastifyInstance, { store, menu, hub, metrics, now }: ApiRoutesOptions) {
  const CreateOrderBodySchema = createOrderBodySchema(now);
  app.post('/api/orders', { config: { access: ACCESS.createOrder } }, async (request, reply) => {
    const judged = await judgeCreate(
      request.headers[IDEMPOTENCY_HEADER],
      request.body,
      request.device,
      menu,
      CreateOrderBodySchema,
    );
    if (!judged.ok) return sendAnswer(reply, judged.answer);
    return sendAnswer(reply, answerCreate(await store.create(judged.value), metrics));
  });

  app.patch<{ Params: { id: string } }>(
    '/api/orders/:id',
    { config: { access: ACCESS.changeOrder } },
    async (request, reply) => {
      const judged = judgeChange(
        request.headers[IDEMPOTENCY_HEADER],
        request.params.id,
        request.body,
        request.device,
      );
      if (!judged.ok) return sendAnswer(reply, judged.answer);
      return sendAnswer(
        reply,
        answerChange(await store.change({ ...judged.value, actingDeviceId: request.device?.id }), metrics),
      );
    },
  );

  app.get('/api/orders', { config: { access: ACCESS.read } }, async (request, reply) => {
    const query = v.safeParse(ActiveOrdersQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const { limit, cursor } = query.output;
    const after = cursor === undefined ? undefined : decodeActiveToken(cursor);
    if (after === null) return sendError(reply, 400, 'invalid_query', 'cursor: must be a page token');
    const page: ActiveOrdersResponse = await store.active(after ? { limit, after } : { limit });
    return { ...page, orders: ordersForRole(page.orders, request.device?.role) };
  });

  app.get('/api/orders/changes', { config: { access: ACCESS.read } }, async (request, reply) => {
    const query = v.safeParse(ChangesQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const { since, limit, snapshotAfter } = query.output;
    const page: ChangesResponse = await store.changes(since, limit, snapshotAfter);
    return { ...page, orders: ordersForRole(page.orders, request.device?.role) };
  });

  app.get<{ Params: { id: string } }>(
    '/api/orders/:id',
    { config: { access: ACCESS.read } },
    async (request, reply) => {
      const id = v.safeParse(UuidSchema, request.params.id);
      const order = id.success ? await store.get(id.output) : null;
      if (!order) return sendError(reply, 404, 'not_found', 'no such order');
      return orderForRole(order, request.device?.role);
    },
  );

  app.get('/api/events', { config: { access: ACCESS.read } }, async (request, reply) => {
    const query = v.safeParse(EventsQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const lastEventId = request.headers['last-event-id'];
    if (lastEventId !== undefined && (typeof lastEventId !== 'string' || !LAST_EVENT_ID.test(lastEventId))) {
      return sendError(reply, 400, 'invalid_query', 'Last-Event-ID must be a whole number');
    }
    // EventSource reconnects to the same URL with a newer Last-Event-ID, so the header wins.
    const since = lastEventId !== undefined ? Number(lastEventId) : (query.output.since ?? null);
    reply.hijack();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
    }
    await hub.open(reply.raw, { since, headers, deviceId: request.device!.id, role: request.device!.role });
  });
}
