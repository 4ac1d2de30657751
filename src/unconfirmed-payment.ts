// A confirmed payment as the row shows it before the worker's reply: the same ledger arithmetic the worker and
// the server apply (protocol/settlement.ts), with a placeholder id that the worker's own view replaces.
import type { PaymentDraft } from '../protocol/messages.ts';
import type { ClientOrder } from '../protocol/order.ts';
import { paymentFromBody, settle } from '../protocol/settlement.ts';

/** `order` with `draft` appended to its payments and its paid / due recomputed. */
export function withUnconfirmedPayment(
  order: ClientOrder,
  draft: PaymentDraft,
  deviceId: string,
  createdAt: string,
): ClientOrder {
  const payment = paymentFromBody({ ...draft, id: `unconfirmed-${createdAt}`, deviceId, createdAt });
  const payments = [...(order.payments ?? []), payment];
  return { ...order, payments, ...settle(order, payments) };
}
