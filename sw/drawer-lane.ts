// Where drawer intents sit in the outbox (principle 22). An outbox entry belongs to an order (per-order FIFO
// keys on `orderId`); a drawer intent has none, so its entries share one reserved lane id per device,
// `drawer:<deviceId>`, which can never be an order id (those are UUIDs). The lane keeps open → move → close in
// order, and every drawer entry is also a barrier for the whole device (sw/outbox-flush.ts `pickSendable`).

import type { MutationKind } from '../protocol/messages.ts';

const LANE_PREFIX = 'drawer:';
/** What a dead letter of the drawer shows where an order shows its number. */
export const DRAWER_LABEL = 'Drawer';

export function drawerLane(deviceId: string): string {
  return `${LANE_PREFIX}${deviceId}`;
}

export function isDrawerLane(orderId: string): boolean {
  return orderId.startsWith(LANE_PREFIX);
}

export type DrawerKind = 'drawer-open' | 'drawer-move' | 'drawer-close';

export function isDrawerKind(kind: MutationKind): kind is DrawerKind {
  return kind === 'drawer-open' || kind === 'drawer-move' || kind === 'drawer-close';
}
