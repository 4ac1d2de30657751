// The judgement of one payment, refund or drawer intent (DESIGN.md Part 3, principles 21-22), shared by the lone
// routes and POST /api/batch, so an op in a batch gets exactly the answer it would get alone.

import * as v from 'valibot';
import type { ErrorCode } from '../protocol/api.ts';
import { drawerCloseBodySchema, drawerMoveBodySchema, drawerOpenBodySchema } from '../protocol/drawer.ts';
import { paymentBodySchema, refundBodySchema } from '../protocol/payments.ts';
import { ACCESS, roleAllows, type Access } from '../protocol/roles.ts';
import { UuidSchema, describeIssues } from '../protocol/schemas.ts';
import { errorBody } from './api-error.ts';
import type { Metrics } from './metrics.ts';
import type { Caller, Judged, MutationAnswer } from './order-mutations.ts';
import { drawerFingerprint, type DrawerResult, type DrawerWrite } from './store/drawer-store.ts';
import type { BatchWrite } from './store/order-store.ts';
import { moneyFingerprint, type MoneyResult } from './store/payment-store.ts';
import type { CloseResult } from './store/z-report-store.ts';

export type DrawerOp = DrawerWrite['op'];

function refuse(status: number, code: ErrorCode, message: string): { ok: false; answer: MutationAnswer } {
  return { ok: false, answer: { status, error: errorBody(code, message).error } };
}

/** The schemas with the server's clock (createdAt at most a day ahead of it). */
export function moneySchemas(now: () => number) {
  return {
    payment: paymentBodySchema(now),
    refund: refundBodySchema(now),
    'drawer-open': drawerOpenBodySchema(now),
    'drawer-move': drawerMoveBodySchema(now),
    'drawer-close': drawerCloseBodySchema(now),
  };
}
export type MoneySchemas = ReturnType<typeof moneySchemas>;

/**
 * The key (Idempotency-Key header alone, `key` in a batch) names the intent: it must equal the body's id. A lone
 * request may leave the header out (`required` false); a batch op always carries it.
 */
function keyRefusal(rawKey: unknown, id: string, required: boolean): MutationAnswer | null {
  if (rawKey === undefined && !required) return null;
  const key = v.safeParse(UuidSchema, rawKey);
  if (!key.success || key.output !== id) {
    return refuse(400, 'invalid_idempotency_key', 'Idempotency-Key must equal the body id').answer;
  }
  return null;
}

function accessRefusal(caller: Caller, access: Access, what: string): MutationAnswer | null {
  if (caller !== undefined && !roleAllows(access, caller?.role ?? null)) {
    return refuse(403, 'forbidden', `this device may not ${what}`).answer;
  }
  return null;
}

/** Only the device itself (or the owner, or the admin token where allowed) may act for a device. */
function deviceRefusal(
  caller: Caller,
  deviceId: string,
  ownerMayActForOthers: boolean,
): MutationAnswer | null {
  if (!caller || caller.admin || caller.id === deviceId) return null;
  if (ownerMayActForOthers && caller.role === 'owner') return null;
  return refuse(403, 'device_mismatch', "deviceId is not this device's id").answer;
}

export type MoneyOp = 'payment' | 'refund';

/** POST /api/orders/:id/payments or /refunds (or the batch op): access, body, key, order id, device. */
export function judgeMoney(
  op: MoneyOp,
  rawKey: unknown,
  rawOrderId: unknown,
  rawBody: unknown,
  caller: Caller,
  schemas: MoneySchemas,
  keyRequired: boolean,
): Judged<BatchWrite> {
  const denied =
    op === 'payment'
      ? accessRefusal(caller, ACCESS.pay, 'take payments')
      : accessRefusal(caller, ACCESS.ownerOnly, 'refund payments');
  if (denied) return { ok: false, answer: denied };
  const body =
    op === 'payment' ? v.safeParse(schemas.payment, rawBody) : v.safeParse(schemas.refund, rawBody);
  if (!body.success) return refuse(400, 'invalid_body', describeIssues(body.issues));
  const badKey = keyRefusal(rawKey, body.output.id, keyRequired);
  if (badKey) return { ok: false, answer: badKey };
  const orderId = v.safeParse(UuidSchema, rawOrderId);
  if (!orderId.success) return refuse(404, 'not_found', 'no such order');
  // A refund names the drawer the cash comes from: the owner may name any device's (principle 21).
  const wrongDevice = deviceRefusal(caller, body.output.deviceId, op === 'refund');
  if (wrongDevice) return { ok: false, answer: wrongDevice };
  const fingerprint = moneyFingerprint(orderId.output, body.output);
  if (op === 'payment' && 'method' in body.output) {
    return {
      ok: true,
      value: { op, payment: { orderId: orderId.output, payment: body.output, fingerprint } },
    };
  }
  if ('paymentId' in body.output) {
    return {
      ok: true,
      value: { op: 'refund', refund: { orderId: orderId.output, refund: body.output, fingerprint } },
    };
  }
  throw new Error(`judgeMoney: ${op} parsed into the wrong shape`);
}

/** POST /api/drawer/open | movements | close (or the batch op). The owner may act on any device's drawer. */
export function judgeDrawer(
  op: DrawerOp,
  rawKey: unknown,
  rawBody: unknown,
  caller: Caller,
  schemas: MoneySchemas,
  keyRequired: boolean,
): Judged<BatchWrite> {
  const denied = accessRefusal(caller, ACCESS.pay, 'use a cash drawer');
  if (denied) return { ok: false, answer: denied };
  const body = v.safeParse(schemas[op], rawBody);
  if (!body.success) return refuse(400, 'invalid_body', describeIssues(body.issues));
  const badKey = keyRefusal(rawKey, body.output.id, keyRequired);
  if (badKey) return { ok: false, answer: badKey };
  const wrongDevice = deviceRefusal(caller, body.output.deviceId, true);
  if (wrongDevice) return { ok: false, answer: wrongDevice };
  const fingerprint = drawerFingerprint(body.output);
  // The op names the schema that parsed the body, so each pairing below is the one the union allows.
  const drawer = { op, body: body.output, fingerprint } as DrawerWrite;
  return { ok: true, value: { op: 'drawer', drawer } };
}

export function answerMoney(result: MoneyResult, metrics: Metrics): MutationAnswer {
  switch (result.kind) {
    case 'recorded':
      return { status: 201, order: result.order };
    case 'replayed':
      metrics.idempotentReplays.inc({ kind: 'change' });
      return { status: 200, order: result.order };
    case 'mismatch':
      return refuse(422, 'idempotency_mismatch', 'this id was already used with another body').answer;
    case 'not_found':
      return refuse(404, 'not_found', 'no such order').answer;
    case 'unknown_payment':
      return refuse(422, 'unknown_payment', 'the order has no payment with this paymentId').answer;
    case 'exceeds':
      return refuse(
        422,
        'refund_exceeds_payment',
        `at most ${result.refundableCents} of this payment is left to refund`,
      ).answer;
  }
}

export function answerDrawer(result: DrawerResult | CloseResult): MutationAnswer {
  switch (result.kind) {
    case 'written':
      return { status: 201, drawer: result.drawer };
    case 'closed':
      return { status: 201, report: result.report };
    case 'replayed':
      return 'report' in result
        ? { status: 200, report: result.report }
        : { status: 200, drawer: result.drawer };
    case 'mismatch':
      return refuse(422, 'idempotency_mismatch', 'this id was already used with another body').answer;
    case 'already_open':
      return refuse(409, 'drawer_already_open', 'this device already has an open drawer').answer;
    case 'no_open_drawer':
      return refuse(409, 'no_open_drawer', 'this device has no open drawer').answer;
  }
}
