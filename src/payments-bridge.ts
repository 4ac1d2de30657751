// The page's payment and drawer intents (DESIGN Part 3, principles 21-22), as thin calls over the SW bridge,
// kept in one file so the engine's own bridge functions can replace them in one place. Plus this device's drawer
// as a live value: asked once, then kept by the SW's `drawer` broadcasts.
import type { PaymentMethod } from '../protocol/order.ts';
import {
  BROADCAST_CHANNEL,
  isDrawerBroadcast,
  type DrawerView,
  type PaymentDraft,
} from '../protocol/messages.ts';
import type { MovementKind } from '../protocol/drawer.ts';
import type { ClientOrder } from '../protocol/order.ts';
import type { SwBridge } from './sw-bridge.ts';

export type { PaymentMethod };

export function pay(bridge: SwBridge, orderId: string, payment: PaymentDraft): Promise<ClientOrder> {
  return bridge.request({ v: 1, type: 'pay', orderId, payment });
}

export function refund(
  bridge: SwBridge,
  orderId: string,
  paymentId: string,
  amountCents: number,
  reason: string,
): Promise<ClientOrder> {
  return bridge.request({ v: 1, type: 'refund', orderId, paymentId, amountCents, reason });
}

export function getDrawer(bridge: SwBridge): Promise<DrawerView> {
  return bridge.request({ v: 1, type: 'drawer' });
}

export function openDrawer(bridge: SwBridge, floatCents: number): Promise<DrawerView> {
  return bridge.request({ v: 1, type: 'drawer-open', floatCents });
}

export function moveDrawer(
  bridge: SwBridge,
  kind: MovementKind,
  amountCents: number,
  reason: string,
): Promise<DrawerView> {
  return bridge.request({ v: 1, type: 'drawer-move', kind, amountCents, reason });
}

export function closeDrawer(bridge: SwBridge, countedCents: number): Promise<DrawerView> {
  return bridge.request({ v: 1, type: 'drawer-close', countedCents });
}

/** Calls `listener` with every drawer the SW broadcasts; returns the unsubscribe. */
export function subscribeDrawer(listener: (view: DrawerView) => void): () => void {
  const channel = new BroadcastChannel(BROADCAST_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (isDrawerBroadcast(event.data)) listener(event.data.drawer);
  };
  return () => channel.close();
}
