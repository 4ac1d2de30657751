// The order routes of DESIGN.md "HTTP API". Handlers validate with the valibot schemas from
// protocol/, call the store, and answer with exact status codes. Each declares who may call it.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { IDEMPOTENCY_HEADER } from '../protocol/api.ts';
import { ACCESS } from '../protocol/roles.ts';
import {
  ActiveOrdersQuerySchema,
  ChangesQuerySchema,
  createOrderBodySchema,
  EventsQuerySchema,
  PatchOrderBodySchema,
  UuidSchema,
  describeIssues,
} from '../protocol/schemas.ts';
import { sendError } from './api-error.ts';
import type { SseHub } from './events.ts';
import { MENU, findMenuItem } from './menu.ts';
import type { Metrics } from './metrics.ts';
import { changeFingerprint, prepareOrder } from './prepare-order.ts';
import type { OrderStore } from './store/order-store.ts';

export interface ApiRoutesOptions {
  store: OrderStore;
  hub: SseHub;
  metrics: Metrics;
  /** The clock createdAt is judged against. */
  now: () => number;
}

/** The Idempotency-Key header as a normalised UUID, or null when missing, repeated or malformed. */
function idempotencyKey(request: FastifyRequest): string | null {
  const parsed = v.safeParse(UuidSchema, request.headers[IDEMPOTENCY_HEADER]);
  return parsed.success ? parsed.output : null;
}

function invalidKey(reply: FastifyReply, detail: string): FastifyReply {
  return sendError(reply, 400, 'invalid_idempotency_key', `Idempotency-Key ${detail}`);
}

const LAST_EVENT_ID = /^[0-9]{1,15}$/;

export async function apiRoutes(app: FastifyInstance, { store, hub, metrics, now }: ApiRoutesOptions) {
  const CreateOrderBodySchema = createOrderBodySchema(now);
  app.get('/api/menu', { config: { access: ACCESS.read } }, async () => MENU);

  app.post('/api/orders', { config: { access: ACCESS.createOrder } }, async (request, reply) => {
    const key = idempotencyKey(request);
    if (!key) return invalidKey(reply, 'must be the order id (a UUID)');
    const body = v.safeParse(CreateOrderBodySchema, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
    if (body.output.id !== key) return invalidKey(reply, 'must equal the body id');
    const device = request.device!;
    // Orders carry their device's id for ticket numbers and history; only automation may act for others.
    if (!device.admin && body.output.deviceId !== device.id) {
      return sendError(reply, 403, 'device_mismatch', "the order's deviceId is not this device's id");
    }
    const prepared = prepareOrder(body.output, findMenuItem);
    if (!prepared.ok) {
      const ids = prepared.unknownMenuItems.join(', ');
      return sendError(reply, 422, 'unknown_menu_item', `not on the menu: ${ids}`);
    }
    const result = await store.create(prepared.order);
    switch (result.kind) {
      case 'created':
        metrics.ordersCreated.inc();
        return reply.code(201).send(result.order);
      case 'replayed':
        metrics.idempotentReplays.inc({ kind: 'create' });
        return reply.code(200).send(result.order);
      case 'mismatch':
        return sendError(
          reply,
          422,
          'idempotency_mismatch',
          'this order id was already used with another payload',
        );
    }
  });

  app.patch<{ Params: { id: string } }>(
    '/api/orders/:id',
    { config: { access: ACCESS.changeOrder } },
    async (request, reply) => {
      const key = idempotencyKey(request);
      if (!key) return invalidKey(reply, 'must be the mutation id (a UUID)');
      const body = v.safeParse(PatchOrderBodySchema, request.body);
      if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
      if (body.output.paid !== undefined && request.device?.role === 'kitchen') {
        return sendError(reply, 403, 'forbidden', 'a kitchen device may move orders but not mark them paid');
      }
      const id = v.safeParse(UuidSchema, request.params.id);
      if (!id.success) return sendError(reply, 404, 'not_found', 'no such order');
      const result = await store.change({
        orderId: id.output,
        key,
        ...body.output,
        fingerprint: changeFingerprint(id.output, body.output),
      });
      switch (result.kind) {
        case 'applied':
        case 'unchanged':
          return reply.code(200).send(result.order);
        case 'replayed':
          metrics.idempotentReplays.inc({ kind: 'change' });
          return reply.code(200).send(result.order);
        case 'not_found':
          return sendError(reply, 404, 'not_found', 'no such order');
        case 'mismatch':
          return sendError(
            reply,
            422,
            'idempotency_mismatch',
            'this key was already used for another change',
          );
      }
    },
  );

  app.get('/api/orders', { config: { access: ACCESS.read } }, async (request, reply) => {
    const query = v.safeParse(ActiveOrdersQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    return store.active();
  });

  app.get('/api/orders/changes', { config: { access: ACCESS.read } }, async (request, reply) => {
    const query = v.safeParse(ChangesQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    return store.changes(query.output.since, query.output.limit);
  });

  app.get<{ Params: { id: string } }>(
    '/api/orders/:id',
    { config: { access: ACCESS.read } },
    async (request, reply) => {
      const id = v.safeParse(UuidSchema, request.params.id);
      const order = id.success ? await store.get(id.output) : null;
      if (!order) return sendError(reply, 404, 'not_found', 'no such order');
      return order;
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
    await hub.open(reply.raw, { since, headers, deviceId: request.device!.id });
  });
}
