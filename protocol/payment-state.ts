// How a row names an order's money state (DESIGN.md "Screens, part 3"): `Paid`, `Part paid` or `Refund due`,
// from what the order carries. Apart from protocol/settlement.ts because every counter row needs it at the first
// paint, and the rest of the ledger arithmetic (settle, change, refunds) only the pay dialogs and the worker.

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
