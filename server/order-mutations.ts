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
import type { ChangeResult, CreateResult, NewOrder, OrderChange, OrderStore } from './store/order-store.ts';
import type { Discount } from '../protocol/menu.ts';

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
  const prepared = prepareOrder(body.output, orderableAt(snapshot), snapshot);
  if (!prepared.ok) {
    if ('invalidOptions' in prepared) {
      const { line, menuItemId, reason } = prepared.invalidOptions;
      return refuse(422, 'invalid_options', `items[${line}] (${menuItemId}): ${reason}`);
    }
    if ('unknownDiscount' in prepared) {
      return refuse(
        422,
        'unknown_discount',
        `no active discount "${prepared.unknownDiscount}" on the menu at version ${snapshot.version}`,
      );
    }
    const ids = prepared.unknownMenuItems.join(', ');
    return refuse(422, 'unknown_menu_item', `not on the menu at version ${snapshot.version}: ${ids}`);
  }
  return { ok: true, value: { ...prepared.order, actingDeviceId: caller?.id } };
}

/**
 * The menu version an order was priced at: a number, null for an order from before Part 3, undefined
 * when there is no such order (yet: a batch also looks at its own creates).
 */
export type OrderVersionLookup = (orderId: string) => Promise<number | null | undefined>;

/** The store's order, as an OrderVersionLookup. */
export function storedOrderVersion(store: Pick<OrderStore, 'get'>): OrderVersionLookup {
  return async (orderId) => {
    const order = await store.get(orderId);
    return order ? (order.menuVersion ?? null) : undefined;
  };
}

/**
 * A change as PATCH /api/orders/:id judges it: key, body, order id, access (kitchen: status only), and
 * for a discount change the preset at the order's own menu version (principle 20).
 */
export async function judgeChange(
  rawKey: unknown,
  rawOrderId: unknown,
  rawBody: unknown,
  caller: Caller,
  menu?: MenuStore,
  orderVersion?: OrderVersionLookup,
): Promise<Judged<OrderChange>> {
  const key = parseKey(rawKey);
  if (!key) return refuse(400, 'invalid_idempotency_key', 'Idempotency-Key must be the mutation id (a UUID)');
  if (caller !== undefined && !roleAllows(ACCESS.changeOrder, caller?.role ?? null)) {
    return refuse(403, 'forbidden', 'this device may not change orders');
  }
  const body = v.safeParse(PatchOrderBodySchema, rawBody);
  if (!body.success) return refuse(400, 'invalid_body', describeIssues(body.issues));
  if (caller?.role === 'kitchen' && (body.output.paid !== undefined || body.output.discount !== undefined)) {
    return refuse(
      403,
      'forbidden',
      'a kitchen device may move orders but not mark them paid or discount them',
    );
  }
  const id = v.safeParse(UuidSchema, rawOrderId);
  if (!id.success) return refuse(404, 'not_found', 'no such order');
  const { discount: discountId, ...rest } = body.output;
  const value: OrderChange = {
    orderId: id.output,
    key,
    ...rest,
    fingerprint: changeFingerprint(id.output, body.output),
  };
  if (discountId === undefined) return { ok: true, value };
  if (!menu || !orderVersion) return refuse(422, 'unknown_discount', 'discounts need the menu');
  const version = await orderVersion(id.output);
  if (version === undefined) return refuse(404, 'not_found', 'no such order');
  if (version === null) {
    // An order from before Part 3 has no menu version to take a discount from; removing none is a no-op.
    if (discountId === null) return { ok: true, value };
    return refuse(422, 'unknown_discount', 'this order was taken before discounts existed');
  }
  const snapshot = await menu.atVersion(version);
  if (!snapshot) return refuse(422, 'unknown_menu_version', `menu version ${version} was never published`);
  let discount: Discount | null = null;
  if (discountId !== null) {
    const entry = snapshot.discounts.find((candidate) => candidate.id === discountId && candidate.active);
    if (!entry)
      return refuse(
        422,
        'unknown_discount',
        `no active discount "${discountId}" on the menu at version ${version}`,
      );
    discount = { id: entry.id, name: entry.name, kind: entry.kind, value: entry.value };
  }
  return { ok: true, value: { ...value, discount: { discount, pricing: snapshot } } };
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
    case 'finished':
      return refuse(409, 'order_finished', 'the order is finished: its discount can no longer change').answer;
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
