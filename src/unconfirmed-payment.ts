// A confirmed payment as the row shows it before the worker's reply: the same ledger arithmetic the worker and
// the server apply (protocol/settlement.ts), with a placeholder id that the worker's own view replaces; shown
// on the row and put back when the worker refuses (in the money chunk, not the counter's first JS).
import type { PaymentDraft } from '../protocol/messages.ts';
import type { ClientOrder } from '../protocol/order.ts';
import { paymentFromBody, settle } from '../protocol/settlement.ts';
import type { OrdersStore } from './orders-store.ts';

/**
 * Shows `order` before the worker has stored it (a confirmed payment: the row must change within a frame,
 * and the worker's round trip takes longer). The worker's reply or broadcast replaces it moments later. The
 * returned undo puts the row back when the worker refuses, unless something newer replaced it meanwhile.
 */
export function showUnconfirmed(
  store: OrdersStore,
  order: ClientOrder,
  startedAt: number,
): (undoneAt: number) => void {
  const before = store.orders.get(order.id);
  if (before === undefined || !store.applyReply(order, startedAt)) return () => undefined;
  return (undoneAt) => {
    if (store.orders.get(order.id) !== order) return;
    store.applyReply(before, undoneAt, true);
  };
}

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
