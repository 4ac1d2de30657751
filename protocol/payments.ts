// Payments and refunds (DESIGN.md Part 3, principle 21): the request bodies both sides validate, and the one
// place an order's paid / due / refund-due state is derived from its ledger. Pure: no DOM, no Node.

import * as v from 'valibot';
import type { Order, Payment, PaymentMethod } from './order.ts';
import { PAYMENT_METHODS } from './order.ts';
import { deviceTimestampSchema, UuidSchema } from './schemas.ts';
import { cleanTextSchema } from './text-hygiene.ts';

/** One payment is at most 100,000.00 in a two-decimal currency (DESIGN "HTTP API, part 3"). */
export const PAYMENT_AMOUNT_MAX = 10_000_000;
/** Cash handed over may exceed the amount (change), but not absurdly: ten times the largest payment. */
export const TENDERED_MAX = 100_000_000;
export const REFUND_REASON_MAX = 200;

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

/** Cash records its change; other methods have none (principle 21). */
export function changeCents(
  method: PaymentMethod,
  amountCents: number,
  tenderedCents: number | null,
): number {
  return method === 'cash' && tenderedCents !== null ? tenderedCents - amountCents : 0;
}

/** What is left of a payment to refund. */
export function refundableCents(payment: Pick<Payment, 'amountCents' | 'refunds'>): number {
  return payment.amountCents - payment.refunds.reduce((sum, r) => sum + r.amountCents, 0);
}

export interface Settlement {
  /** Payments − refunds. */
  paidCents: number;
  /** total − paid; a cancelled order owes nothing, so its due is 0 − paid. Negative = refund due. */
  dueCents: number;
  paid: boolean;
}

/**
 * The order's money state from its ledger (principle 21): the server stores it, the service worker applies
 * it to a queued payment at once, the page shows it. `paid` is derived: it turns false again after a refund.
 */
export function settle(
  order: Pick<Order, 'totalCents' | 'status'>,
  payments: readonly Payment[],
): Settlement {
  const paidCents = payments.reduce((sum, p) => sum + refundableCents(p), 0);
  const owed = order.status === 'cancelled' ? 0 : order.totalCents;
  const dueCents = owed - paidCents;
  return { paidCents, dueCents, paid: dueCents <= 0 };
}

/** How a row names the money state (DESIGN "Screens, part 3"): `Paid`, `Part paid` or `Refund due`. */
export type PaymentState = 'unpaid' | 'part-paid' | 'paid' | 'refund-due';

export function paymentState(
  order: Pick<Order, 'paid'> & Partial<Pick<Order, 'paidCents' | 'dueCents'>>,
): PaymentState {
  const due = order.dueCents;
  const paidCents = order.paidCents ?? 0;
  if (due === undefined) return order.paid ? 'paid' : 'unpaid';
  if (due < 0) return 'refund-due';
  if (due === 0) return paidCents > 0 || order.paid ? 'paid' : 'unpaid';
  return paidCents > 0 ? 'part-paid' : 'unpaid';
}
