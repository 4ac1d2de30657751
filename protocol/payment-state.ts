// How a row names an order's money state (DESIGN "Screens, part 3"): `Paid`, `Part paid`, `Refund due` or unpaid.
// Its own file, free of valibot, so the counter's entry chunk can use it (re-exported by payments.ts).
import type { Order } from './order.ts';

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
