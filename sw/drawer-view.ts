// This device's drawer as it knows it (principle 22, pure apart from the reads): the server's drawer (as last
// answered) with the queued drawer intents and this device's queued cash payments and refunds applied on top,
// so the Drawer screen works offline. The cash arithmetic is protocol/drawer.ts `expectedCashCents`.

import type { DrawerView } from '../protocol/messages.ts';
import type { Drawer } from '../protocol/drawer.ts';
import { expectedCashCents } from '../protocol/drawer-cash.ts';
import {
  DRAWER_KEY,
  type AnyTx,
  type DrawerRecord,
  type OutboxEntry,
  type OutboxPayload,
  type WriteTx,
} from './db.ts';
import { isDrawerKind } from './drawer-lane.ts';
import { listOutbox } from './outbox-store.ts';

const EMPTY: DrawerRecord = { base: null, lastReport: null };

export async function readDrawerRecord(tx: AnyTx): Promise<DrawerRecord> {
  return (await tx.objectStore('drawer').get(DRAWER_KEY)) ?? EMPTY;
}

export async function putDrawerRecord(tx: WriteTx, record: DrawerRecord): Promise<void> {
  await tx.objectStore('drawer').put(record, DRAWER_KEY);
}

/** The cash a payload moves in or out of this device's drawer (0 for card, other, and non-money intents). */
export function cashDelta(payload: OutboxPayload): number {
  if (payload.kind === 'payment') return payload.body.method === 'cash' ? payload.body.amountCents : 0;
  if (payload.kind === 'refund') return payload.method === 'cash' ? -payload.body.amountCents : 0;
  return 0;
}

/** Whether a payload changes the drawer (a drawer intent, or cash in or out). */
export function touchesDrawer(payload: OutboxPayload): boolean {
  return isDrawerKind(payload.kind) || cashDelta(payload) !== 0;
}

/** Float and movements as the drawer holds them; the cash taken is what `expectedCents` says beyond them. */
function parts(drawer: Drawer) {
  const paidInCents = drawer.movements.filter((m) => m.kind === 'in').reduce((s, m) => s + m.amountCents, 0);
  const paidOutCents = drawer.movements
    .filter((m) => m.kind === 'out')
    .reduce((s, m) => s + m.amountCents, 0);
  const cashNetCents = drawer.expectedCents - drawer.floatCents - paidInCents + paidOutCents;
  return { floatCents: drawer.floatCents, paidInCents, paidOutCents, cashNetCents };
}

/** `next` (movements changed, or `extraCashCents` taken) with its expected cash recomputed from `before`'s. */
function withExpected(before: Drawer, next: Drawer, extraCashCents: number): Drawer {
  const net = parts(before).cashNetCents + extraCashCents;
  const p = parts({ ...next, expectedCents: 0 });
  const expectedCents = expectedCashCents({
    floatCents: p.floatCents,
    cashSalesCents: Math.max(net, 0),
    cashRefundsCents: Math.max(-net, 0),
    paidInCents: p.paidInCents,
    paidOutCents: p.paidOutCents,
  });
  return { ...next, expectedCents };
}

/** One queued (or just answered) intent applied to the drawer. */
export function applyToDrawer(drawer: Drawer | null, payload: OutboxPayload): Drawer | null {
  switch (payload.kind) {
    case 'drawer-open': {
      const { id, deviceId, floatCents, createdAt } = payload.body;
      // Already open (the server's copy says so): the queued open will be refused; show what is there.
      if (drawer !== null) return drawer;
      return {
        id,
        deviceId,
        openedAt: createdAt,
        floatCents,
        openedImplicitly: false,
        movements: [],
        expectedCents: floatCents,
      };
    }
    case 'drawer-move': {
      const { id, kind, amountCents, reason, createdAt } = payload.body;
      if (drawer === null || drawer.movements.some((m) => m.id === id)) return drawer;
      const moved = {
        ...drawer,
        movements: [...drawer.movements, { id, kind, amountCents, reason, createdAt }],
      };
      return withExpected(drawer, moved, 0);
    }
    case 'drawer-close':
      return null;
    case 'payment':
    case 'refund': {
      const delta = cashDelta(payload);
      if (delta === 0) return drawer;
      // Cash in or out with no open drawer opens one at float 0, flagged, as the server does; the stand-in
      // takes the intent's id until the server names it.
      const open: Drawer = drawer ?? {
        id: payload.body.id,
        deviceId: payload.body.deviceId,
        openedAt: payload.body.createdAt,
        floatCents: 0,
        openedImplicitly: true,
        movements: [],
        expectedCents: 0,
      };
      return withExpected(open, open, delta);
    }
    default:
      return drawer;
  }
}

/** The view from the stored record and the outbox in send order (dead letters apply until discarded). */
export function drawerViewFrom(record: DrawerRecord, outbox: readonly OutboxEntry[]): DrawerView {
  let drawer = record.base;
  let pending = 0;
  let closing = false;
  for (const entry of outbox) {
    if (!touchesDrawer(entry.payload)) continue;
    drawer = applyToDrawer(drawer, entry.payload);
    if (isDrawerKind(entry.kind)) pending += 1;
    if (entry.kind === 'drawer-close' && entry.state === 'waiting') closing = true;
  }
  return { drawer, pending, closing, lastReport: record.lastReport };
}

export async function readDrawerView(tx: AnyTx): Promise<DrawerView> {
  const [record, outbox] = await Promise.all([readDrawerRecord(tx), listOutbox(tx)]);
  return drawerViewFrom(record, outbox);
}
