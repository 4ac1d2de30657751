// The page's payment and drawer intents (DESIGN Part 3, principles 21-22) in one place for the money UI's chunk:
// thin calls to the SW bridge's own methods (src/sw-bridge.ts), which apply a payment's reply to the row with
// the moment of the tap and tell every drawer listener of each drawer reply and broadcast.
import type { MovementKind } from '../protocol/drawer.ts';
import type { DrawerView, PaymentDraft } from '../protocol/messages.ts';
import type { ClientOrder } from '../protocol/order.ts';
import type { SwBridge } from './sw-bridge.ts';

export function pay(
  bridge: SwBridge,
  orderId: string,
  payment: PaymentDraft,
  startedAt: number,
): Promise<ClientOrder> {
  return bridge.pay(orderId, payment, startedAt);
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
