// The page's payment and drawer intents (DESIGN Part 3, principles 21-22) in one place for the money UI's chunk
// (not in the counter's first JS): sent through the SW bridge (src/sw-bridge.ts); a payment's reply is applied to
// the row with the moment of the tap, and every drawer listener hears each drawer reply (broadcasts: the bridge).
// A payment shows on its row before the reply (src/unconfirmed-payment.ts).
import type { MovementKind } from '../protocol/drawer.ts';
import type { DrawerView, PaymentDraft } from '../protocol/messages.ts';
import type { ClientOrder } from '../protocol/order.ts';
import type { OrdersStore } from './orders-store.ts';
import type { SwBridge } from './sw-bridge.ts';
import { showUnconfirmed, withUnconfirmedPayment } from './unconfirmed-payment.ts';

/** The worker's answer to a payment intent, shown on the row with the moment of the tap. */
function applied(bridge: SwBridge, reply: Promise<ClientOrder>, startedAt: number): Promise<ClientOrder> {
  return reply.then((order) => {
    bridge.store.applyReply(order, startedAt);
    return order;
  });
}

/** Every drawer listener hears each drawer reply. */
function drawerReply(bridge: SwBridge, reply: Promise<DrawerView>): Promise<DrawerView> {
  return reply.then((view) => {
    bridge.tellDrawer(view);
    return view;
  });
}

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
  const sent = applied(bridge, bridge.request({ v: 1, type: 'pay', orderId, payment }), startedAt);
  const current = store.orders.get(orderId);
  if (current === undefined) return sent;
  const deviceId = store.deviceId ?? current.deviceId;
  const undo = showUnconfirmed(
    store,
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
  const startedAt = performance.now();
  return applied(
    bridge,
    bridge.request({ v: 1, type: 'refund', orderId, paymentId, amountCents, reason }),
    startedAt,
  );
}

export function getDrawer(bridge: SwBridge): Promise<DrawerView> {
  return drawerReply(bridge, bridge.request({ v: 1, type: 'drawer' }));
}

export function openDrawer(bridge: SwBridge, floatCents: number): Promise<DrawerView> {
  return drawerReply(bridge, bridge.request({ v: 1, type: 'drawer-open', floatCents }));
}

export function moveDrawer(
  bridge: SwBridge,
  kind: MovementKind,
  amountCents: number,
  reason: string,
): Promise<DrawerView> {
  return drawerReply(bridge, bridge.request({ v: 1, type: 'drawer-move', kind, amountCents, reason }));
}

/** Queues the close; the Z report arrives as `lastReport` once every earlier entry was answered. */
export function closeDrawer(bridge: SwBridge, countedCents: number): Promise<DrawerView> {
  return drawerReply(bridge, bridge.request({ v: 1, type: 'drawer-close', countedCents }));
}

/** Calls `listener` with every drawer view (replies and broadcasts); returns the unsubscribe. */
export function subscribeDrawer(bridge: SwBridge, listener: (view: DrawerView) => void): () => void {
  return bridge.onDrawer(listener);
}
