// An order's money state from its ledger (DESIGN.md Part 3, principle 21): paid / due / refund due, and a
// cash payment's change. Pure and dependency-free, so page, service worker and server share one copy.

import type { Order, Payment, PaymentMethod } from './order.ts';

/** One payment is at most 100,000.00 in a two-decimal currency (DESIGN "HTTP API, part 3"). */
export const PAYMENT_AMOUNT_MAX = 10_000_000;
/** Cash handed over may exceed the amount (change), but not absurdly: ten times the largest payment. */
export const TENDERED_MAX = 100_000_000;
export const REFUND_REASON_MAX = 200;

/** Cash records its change; other methods have none (principle 21). */
export function changeCents(
  method: PaymentMethod,
  amountCents: number,
  tenderedCents: number | null,
): number {
  return method === 'cash' && tenderedCents !== null ? tenderedCents - amountCents : 0;
}

/** A payment body as validated (protocol/payments.ts `PaymentInput`; structural here, so no valibot). */
export interface PaymentBodyFields {
  id: string;
  method: PaymentMethod;
  amountCents: number;
  tenderedCents?: number | undefined;
  tipCents?: number | undefined;
  deviceId: string;
  createdAt: string;
}

/**
 * The payment a body records, as the server stores it and the device shows it before the answer: cash
 * without a tender was handed over exactly; only cash has change.
 */
export function paymentFromBody(body: PaymentBodyFields): Payment {
  const tenderedCents = body.method === 'cash' ? (body.tenderedCents ?? body.amountCents) : null;
  return {
    id: body.id,
    method: body.method,
    amountCents: body.amountCents,
    tenderedCents,
    changeCents: changeCents(body.method, body.amountCents, tenderedCents),
    tipCents: body.tipCents ?? 0,
    deviceId: body.deviceId,
    createdAt: body.createdAt,
    refunds: [],
  };
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
