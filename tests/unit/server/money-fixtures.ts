// Builders for payment, refund and drawer requests (DESIGN.md Part 3, principles 21-22), shared by the tests.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { OWNER_AUTH, uuidv7 } from './order-fixtures.ts';

/** The admin token's device id is no paired device; the tests name a till of their own (allowed for admin). */
export const TILL_ID = '0192d2a4-6c1e-7000-8000-00000000aa01';

let tick = 0;
/** A distinct, recent device time for each intent. */
export function at(): string {
  tick += 1;
  return new Date(Date.now() - 60_000 + tick).toISOString();
}

export function paymentBody<T extends object = object>(overrides: T = {} as T) {
  return { id: uuidv7(), method: 'card', amountCents: 500, deviceId: TILL_ID, createdAt: at(), ...overrides };
}

export function cashBody(
  amountCents: number,
  tenderedCents: number,
  overrides: Record<string, unknown> = {},
) {
  return paymentBody({ method: 'cash', amountCents, tenderedCents, ...overrides });
}

export function refundBody(paymentId: string, amountCents: number, overrides: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    paymentId,
    amountCents,
    reason: 'Cold coffee',
    deviceId: TILL_ID,
    createdAt: at(),
    ...overrides,
  };
}

export function post(
  app: FastifyInstance,
  url: string,
  body: unknown,
  headers: Record<string, string> = OWNER_AUTH,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

export const pay = (app: FastifyInstance, orderId: string, body: unknown, headers?: Record<string, string>) =>
  post(app, `/api/orders/${orderId}/payments`, body, headers);
export const refund = (
  app: FastifyInstance,
  orderId: string,
  body: unknown,
  headers?: Record<string, string>,
) => post(app, `/api/orders/${orderId}/refunds`, body, headers);

export function openBody(floatCents: number, overrides: Record<string, unknown> = {}) {
  return { id: uuidv7(), deviceId: TILL_ID, floatCents, createdAt: at(), ...overrides };
}
export function moveBody(kind: 'in' | 'out', amountCents: number, overrides: Record<string, unknown> = {}) {
  return {
    id: uuidv7(),
    deviceId: TILL_ID,
    kind,
    amountCents,
    reason: 'Change run',
    createdAt: at(),
    ...overrides,
  };
}
export function closeBody(countedCents: number, overrides: Record<string, unknown> = {}) {
  return { id: uuidv7(), deviceId: TILL_ID, countedCents, createdAt: at(), ...overrides };
}
