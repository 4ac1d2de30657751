// The judgement of one create or one change, shared by POST /api/orders, PATCH /api/orders/:id and each
// mutation of POST /api/batch, so a mutation in a batch gets exactly the answer it would get alone.

import type { FastifyReply } from 'fastify';
import * as v from 'valibot';
import type { ApiError, BatchResult, ErrorCode } from '../protocol/api.ts';
import type { Order } from '../protocol/order.ts';
import { ACCESS, roleAllows } from '../protocol/roles.ts';
import {
  CreateOrderBodySchema,
  PatchOrderBodySchema,
  UuidSchema,
  describeIssues,
} from '../protocol/schemas.ts';
import { errorBody, sendError } from './api-error.ts';
import type { AuthenticatedDevice } from './auth/route-access.ts';
import type { Metrics } from './metrics.ts';
import { ticketNumberRefusal } from './ticket-number.ts';
import { changeFingerprint, prepareOrder } from './prepare-order.ts';
import { orderableAt, type MenuStore } from './store/menu-store.ts';
import type { ChangeResult, CreateResult, NewOrder, OrderChange } from './store/order-store.ts';

/** What one mutation answers: a status with an order, or a status with an error. */
export type MutationAnswer = BatchResult;

/**
 * Who sent the mutation (`request.device`, set by the auth hook). `undefined` only where no auth hook ran
 * (an app built without it): then every caller is allowed, as every route was before pairing existed.
 */
export type Caller = AuthenticatedDevice | null | undefined;

export type Judged<T> = { ok: true; value: T } | { ok: false; answer: MutationAnswer };

function refuse(status: number, code: ErrorCode, message: string): { ok: false; answer: MutationAnswer } {
  return { ok: false, answer: { status, error: errorBody(code, message).error } };
}

function parseKey(key: unknown): string | null {
  const parsed = v.safeParse(UuidSchema, key);
  return parsed.success ? parsed.output : null;
}

/**
 * A create as POST /api/orders judges it: key (the Idempotency-Key), body, access, then its price from the menu
 * version the device showed (principle 15), so an edit since then never refuses or reprices the order. `schema`
 * carries the server clock that bounds `createdAt` (createOrderBodySchema(now)).
 */
export async function judgeCreate(
  rawKey: unknown,
  rawBody: unknown,
  caller: Caller,
  menu: MenuStore,
  schema: typeof CreateOrderBodySchema = CreateOrderBodySchema,
): Promise<Judged<NewOrder>> {
  const key = parseKey(rawKey);
  if (!key) return refuse(400, 'invalid_idempotency_key', 'Idempotency-Key must be the order id (a UUID)');
  if (caller !== undefined && !roleAllows(ACCESS.createOrder, caller?.role ?? null)) {
    return refuse(403, 'forbidden', 'this device may not create orders');
  }
  const body = v.safeParse(schema, rawBody);
  if (!body.success) return refuse(400, 'invalid_body', describeIssues(body.issues));
  if (body.output.id !== key)
    return refuse(400, 'invalid_idempotency_key', 'Idempotency-Key must equal the body id');
  // Orders carry their device's id for ticket numbers and history; only automation may act for others.
  if (caller && !caller.admin && body.output.deviceId !== caller.id) {
    return refuse(403, 'device_mismatch', "the order's deviceId is not this device's id");
  }
  const wrongNumber = ticketNumberRefusal(body.output.number, caller);
  if (wrongNumber !== null) return refuse(422, 'wrong_ticket_code', wrongNumber);
  const version = body.output.menuVersion;
  const snapshot = version === undefined ? await menu.current() : await menu.atVersion(version);
  if (!snapshot) return refuse(422, 'unknown_menu_version', `menu version ${version} was never published`);
  const prepared = prepareOrder(body.output, orderableAt(snapshot));
  if (!prepared.ok) {
    const ids = prepared.unknownMenuItems.join(', ');
    return refuse(422, 'unknown_menu_item', `not on the menu at version ${snapshot.version}: ${ids}`);
  }
  return { ok: true, value: { ...prepared.order, actingDeviceId: caller?.id } };
}

/** A change as PATCH /api/orders/:id judges it: key, body, order id, access (kitchen: status only). */
export function judgeChange(
  rawKey: unknown,
  rawOrderId: unknown,
  rawBody: unknown,
  caller: Caller,
): Judged<OrderChange> {
  const key = parseKey(rawKey);
  if (!key) return refuse(400, 'invalid_idempotency_key', 'Idempotency-Key must be the mutation id (a UUID)');
  if (caller !== undefined && !roleAllows(ACCESS.changeOrder, caller?.role ?? null)) {
    return refuse(403, 'forbidden', 'this device may not change orders');
  }
  const body = v.safeParse(PatchOrderBodySchema, rawBody);
  if (!body.success) return refuse(400, 'invalid_body', describeIssues(body.issues));
  if (caller?.role === 'kitchen' && body.output.paid !== undefined) {
    return refuse(403, 'forbidden', 'a kitchen device may move orders but not mark them paid');
  }
  const id = v.safeParse(UuidSchema, rawOrderId);
  if (!id.success) return refuse(404, 'not_found', 'no such order');
  return {
    ok: true,
    value: {
      orderId: id.output,
      key,
      ...body.output,
      fingerprint: changeFingerprint(id.output, body.output),
    },
  };
}

function ok(status: number, order: Order): MutationAnswer {
  return { status, order };
}

export function answerCreate(result: CreateResult, metrics: Metrics): MutationAnswer {
  switch (result.kind) {
    case 'created':
      metrics.ordersCreated.inc();
      return ok(201, result.order);
    case 'replayed':
      metrics.idempotentReplays.inc({ kind: 'create' });
      return ok(200, result.order);
    case 'mismatch':
      return refuse(422, 'idempotency_mismatch', 'this order id was already used with another payload')
        .answer;
  }
}

export function answerChange(result: ChangeResult, metrics: Metrics): MutationAnswer {
  switch (result.kind) {
    case 'applied':
    case 'unchanged':
      return ok(200, result.order);
    case 'replayed':
      metrics.idempotentReplays.inc({ kind: 'change' });
      return ok(200, result.order);
    case 'not_found':
      return refuse(404, 'not_found', 'no such order').answer;
    case 'mismatch':
      return refuse(422, 'idempotency_mismatch', 'this key was already used for another change').answer;
  }
}

/** Sends a lone request's answer: the order itself, or the API error body. */
export function sendAnswer(reply: FastifyReply, answer: MutationAnswer): FastifyReply {
  const error: ApiError['error'] | undefined = answer.error;
  if (error) return sendError(reply, answer.status, error.code, error.message);
  return reply.code(answer.status).send(answer.order);
}
