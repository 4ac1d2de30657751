// What each outbox entry sends (alone, or as a batch op) and what a valid answer to it looks like: an order
// for order intents, `{ drawer }` for drawer-open / drawer-move, `{ report }` for drawer-close (principle 22).

import type { BatchMutation, BatchResult } from '../protocol/api.ts';
import type { Drawer, ZReport } from '../protocol/drawer.ts';
import type { Order } from '../protocol/order.ts';
import { unreachable } from '../protocol/unreachable.ts';
import { isOrder, isRecord } from './api-guards.ts';
import type { ApiRequest } from './api-client.ts';
import type { OutboxEntry } from './db.ts';

/** A valid answer to an entry: the order, or the drawer's answer. */
export type EntryAnswer = Order | { drawer: Drawer } | { report: ZReport };

export function isDrawer(value: unknown): value is Drawer {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.floatCents === 'number' &&
    typeof value.expectedCents === 'number' &&
    typeof value.openedImplicitly === 'boolean' &&
    Array.isArray(value.movements)
  );
}

export function isZReport(value: unknown): value is ZReport {
  return (
    isRecord(value) &&
    typeof value.number === 'number' &&
    isRecord(value.cash) &&
    typeof value.cash.expectedCents === 'number' &&
    Array.isArray(value.byMethod)
  );
}

/** GET /api/drawer's body. */
export function isDrawerResponse(value: unknown): value is { drawer: Drawer | null } {
  return isRecord(value) && (value.drawer === null || isDrawer(value.drawer));
}

const isDrawerAnswer = (value: unknown): value is { drawer: Drawer } =>
  isRecord(value) && isDrawer(value.drawer);
const isReportAnswer = (value: unknown): value is { report: ZReport } =>
  isRecord(value) && isZReport(value.report);

/** Principle 5 per entry: only a body of the right shape counts as done. */
export function answerGuard(entry: OutboxEntry): (body: unknown) => body is EntryAnswer {
  switch (entry.payload.kind) {
    case 'drawer-open':
    case 'drawer-move':
      return isDrawerAnswer;
    case 'drawer-close':
      return isReportAnswer;
    default:
      return isOrder;
  }
}

/** A batch result as the body the lone request would have answered (so one guard serves both). */
export function answerBodyOf(entry: OutboxEntry, result: BatchResult): unknown {
  if (result.error) return { error: result.error };
  switch (entry.payload.kind) {
    case 'drawer-open':
    case 'drawer-move':
      return { drawer: result.drawer };
    case 'drawer-close':
      return { report: result.report };
    default:
      return result.order;
  }
}

const orderPath = (entry: OutboxEntry, tail = '') =>
  `/api/orders/${encodeURIComponent(entry.orderId)}${tail}`;

export function requestFor(entry: OutboxEntry): ApiRequest {
  const payload = entry.payload;
  switch (payload.kind) {
    case 'create':
      return { method: 'POST', path: '/api/orders', idempotencyKey: entry.orderId, body: payload.body };
    case 'status':
      return {
        method: 'PATCH',
        path: orderPath(entry),
        idempotencyKey: entry.mutationId,
        body: { status: payload.status },
      };
    case 'paid':
      return {
        method: 'PATCH',
        path: orderPath(entry),
        idempotencyKey: entry.mutationId,
        body: { paid: true },
      };
    case 'discount':
      return {
        method: 'PATCH',
        path: orderPath(entry),
        idempotencyKey: entry.mutationId,
        body: { discount: payload.discount },
      };
    case 'payment':
      return {
        method: 'POST',
        path: orderPath(entry, '/payments'),
        idempotencyKey: payload.body.id,
        body: payload.body,
      };
    case 'refund':
      return {
        method: 'POST',
        path: orderPath(entry, '/refunds'),
        idempotencyKey: payload.body.id,
        body: payload.body,
      };
    case 'drawer-open':
      return {
        method: 'POST',
        path: '/api/drawer/open',
        idempotencyKey: payload.body.id,
        body: payload.body,
      };
    case 'drawer-move':
      return {
        method: 'POST',
        path: '/api/drawer/movements',
        idempotencyKey: payload.body.id,
        body: payload.body,
      };
    case 'drawer-close':
      return {
        method: 'POST',
        path: '/api/drawer/close',
        idempotencyKey: payload.body.id,
        body: payload.body,
      };
    default:
      return unreachable(payload);
  }
}

/** The batch op an entry becomes: exactly what its lone request carries (principle 17). */
export function mutationFor(entry: OutboxEntry): BatchMutation {
  const payload = entry.payload;
  switch (payload.kind) {
    case 'create':
      return { op: 'create', key: entry.orderId, body: payload.body };
    case 'status':
      return { op: 'patch', key: entry.mutationId, orderId: entry.orderId, body: { status: payload.status } };
    case 'paid':
      return { op: 'patch', key: entry.mutationId, orderId: entry.orderId, body: { paid: true } };
    case 'discount':
      return {
        op: 'patch',
        key: entry.mutationId,
        orderId: entry.orderId,
        body: { discount: payload.discount },
      };
    case 'payment':
    case 'refund':
      return { op: payload.kind, key: payload.body.id, orderId: entry.orderId, body: payload.body };
    case 'drawer-open':
    case 'drawer-move':
    case 'drawer-close':
      return { op: payload.kind, key: payload.body.id, body: payload.body };
    default:
      return unreachable(payload);
  }
}
