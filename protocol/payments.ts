// Payments and refunds (DESIGN.md Part 3, principle 21): the request bodies both sides validate, and the one
// place an order's paid / due / refund-due state is derived from its ledger. Pure: no DOM, no Node.

import * as v from 'valibot';
import { PAYMENT_METHODS } from './order.ts';
import { deviceTimestampSchema, UuidSchema } from './schemas.ts';
import { cleanTextSchema } from './text-hygiene.ts';

import { PAYMENT_AMOUNT_MAX, REFUND_REASON_MAX, TENDERED_MAX } from './settlement.ts';

export { PAYMENT_AMOUNT_MAX, REFUND_REASON_MAX, TENDERED_MAX };

const cents = (min: number, max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be whole minor units'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

/** POST /api/orders/:id/payments and the batch's `payment` op (Idempotency-Key = `id`). */
export function paymentBodySchema(now: () => number = Date.now) {
  return v.pipe(
    v.strictObject({
      id: UuidSchema,
      method: v.picklist(PAYMENT_METHODS, `must be one of ${PAYMENT_METHODS.join(', ')}`),
      amountCents: cents(1, PAYMENT_AMOUNT_MAX),
      tenderedCents: v.optional(cents(1, TENDERED_MAX)),
      tipCents: v.optional(cents(0, PAYMENT_AMOUNT_MAX)),
      deviceId: UuidSchema,
      createdAt: deviceTimestampSchema(now),
    }),
    v.check(
      (b) => b.tenderedCents === undefined || b.method === 'cash',
      'tenderedCents: only cash is tendered',
    ),
    v.check(
      (b) => b.tenderedCents === undefined || b.tenderedCents >= b.amountCents,
      'tenderedCents: must be at least amountCents',
    ),
    v.check((b) => b.tipCents === undefined || b.method !== 'cash', 'tipCents: cash takes no tip'),
  );
}
export const PaymentBodySchema = paymentBodySchema();
export type PaymentBody = v.InferInput<typeof PaymentBodySchema>;
export type PaymentInput = v.InferOutput<typeof PaymentBodySchema>;

/** POST /api/orders/:id/refunds and the batch's `refund` op (owner only). */
export function refundBodySchema(now: () => number = Date.now) {
  return v.strictObject({
    id: UuidSchema,
    paymentId: UuidSchema,
    amountCents: cents(1, PAYMENT_AMOUNT_MAX),
    reason: v.pipe(cleanTextSchema(REFUND_REASON_MAX), v.minLength(1, 'must not be empty')),
    deviceId: UuidSchema,
    createdAt: deviceTimestampSchema(now),
  });
}
export const RefundBodySchema = refundBodySchema();
export type RefundBody = v.InferInput<typeof RefundBodySchema>;
export type RefundInput = v.InferOutput<typeof RefundBodySchema>;

// The ledger arithmetic lives in settlement.ts (no valibot), so the service worker can use it without
// bundling the schemas; re-exported here so either import works.
export { changeCents, refundableCents, settle } from './settlement.ts';
export type { Settlement } from './settlement.ts';
export { paymentState, type PaymentState } from './payment-state.ts';
