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
