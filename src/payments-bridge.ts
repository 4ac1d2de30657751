// The page's payment and drawer intents (DESIGN Part 3, principles 21-22) in one place for the money UI's chunk:
// thin calls to the SW bridge's own methods (src/sw-bridge.ts), which apply a payment's reply to the row with
// the moment of the tap and tell every drawer listener of each drawer reply and broadcast. A payment shows on
// its row before the reply (src/unconfirmed-payment.ts).
import type { MovementKind } from '../protocol/drawer.ts';
import type { DrawerView, PaymentDraft } from '../protocol/messages.ts';
import type { ClientOrder } from '../protocol/order.ts';
import type { OrdersStore } from './orders-store.ts';
import type { SwBridge } from './sw-bridge.ts';
import { withUnconfirmedPayment } from './unconfirmed-payment.ts';

/**
 * Sends the payment, then shows it on the row at once (the worker's answer takes longer than the frame the
 * same-tab budget allows); a refusal puts the row back as it was.
 */
export function pay(
  bridge: SwBridge,
  store: OrdersStore,
  orderId: string,
  payment: PaymentDraft,
  startedAt: number,
): Promise<ClientOrder> {
  // Posted first: the intent leaves before the re-render the optimistic row triggers.
  const sent = bridge.pay(orderId, payment, startedAt);
  const current = store.orders.get(orderId);
  if (current === undefined) return sent;
  const deviceId = store.deviceId ?? current.deviceId;
  const undo = store.showUnconfirmed(
    withUnconfirmedPayment(current, payment, deviceId, new Date().toISOString()),
    startedAt,
  );
  return sent.catch((error: unknown) => {
    undo(performance.now());
    throw error;
  });
}

export function refund(
  bridge: SwBridge,
  orderId: string,
  paymentId: string,
  amountCents: number,
  reason: string,
): Promise<ClientOrder> {
  return bridge.refund(orderId, paymentId, amountCents, reason);
}

export function getDrawer(bridge: SwBridge): Promise<DrawerView> {
  return bridge.getDrawer();
}

export function openDrawer(bridge: SwBridge, floatCents: number): Promise<DrawerView> {
  return bridge.openDrawer(floatCents);
}

export function moveDrawer(
  bridge: SwBridge,
  kind: MovementKind,
  amountCents: number,
  reason: string,
): Promise<DrawerView> {
  return bridge.moveDrawer(kind, amountCents, reason);
}

export function closeDrawer(bridge: SwBridge, countedCents: number): Promise<DrawerView> {
  return bridge.closeDrawer(countedCents);
}

/** Calls `listener` with every drawer view (replies and broadcasts); returns the unsubscribe. */
export function subscribeDrawer(bridge: SwBridge, listener: (view: DrawerView) => void): () => void {
  return bridge.onDrawer(listener);
}
