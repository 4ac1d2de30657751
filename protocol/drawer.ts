// Cash drawers and Z reports (DESIGN.md Part 3, principle 22): the intent bodies both sides validate and the
// shapes the server answers. Pure: no DOM, no Node. Money is integer minor units.

import * as v from 'valibot';
import type { PaymentMethod } from './order.ts';
import { deviceTimestampSchema, UuidSchema } from './schemas.ts';
import { cleanTextSchema } from './text-hygiene.ts';

import { DRAWER_AMOUNT_MAX, MOVEMENT_REASON_MAX } from './drawer-cash.ts';

export { DRAWER_AMOUNT_MAX, MOVEMENT_REASON_MAX };

const cents = (min: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be whole minor units'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(DRAWER_AMOUNT_MAX, `must be at most ${DRAWER_AMOUNT_MAX}`),
  );

export const MOVEMENT_KINDS = ['in', 'out'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export function drawerOpenBodySchema(now: () => number = Date.now) {
  return v.strictObject({
    id: UuidSchema,
    deviceId: UuidSchema,
    floatCents: cents(0),
    createdAt: deviceTimestampSchema(now),
  });
}
export function drawerMoveBodySchema(now: () => number = Date.now) {
  return v.strictObject({
    id: UuidSchema,
    deviceId: UuidSchema,
    kind: v.picklist(MOVEMENT_KINDS, 'must be "in" or "out"'),
    amountCents: cents(1),
    reason: v.pipe(cleanTextSchema(MOVEMENT_REASON_MAX), v.minLength(1, 'must not be empty')),
    createdAt: deviceTimestampSchema(now),
  });
}
export function drawerCloseBodySchema(now: () => number = Date.now) {
  return v.strictObject({
    id: UuidSchema,
    deviceId: UuidSchema,
    countedCents: cents(0),
    createdAt: deviceTimestampSchema(now),
  });
}
export const DrawerOpenBodySchema = drawerOpenBodySchema();
export const DrawerMoveBodySchema = drawerMoveBodySchema();
export const DrawerCloseBodySchema = drawerCloseBodySchema();
export type DrawerOpenBody = v.InferInput<typeof DrawerOpenBodySchema>;
export type DrawerMoveBody = v.InferInput<typeof DrawerMoveBodySchema>;
export type DrawerCloseBody = v.InferInput<typeof DrawerCloseBodySchema>;

export interface DrawerMovement {
  id: string;
  kind: MovementKind;
  amountCents: number;
  reason: string;
  createdAt: string;
}

/** GET /api/drawer: the device's open drawer. */
export interface Drawer {
  id: string;
  deviceId: string;
  openedAt: string;
  floatCents: number;
  /** Opened by a cash payment with no open drawer, at a float of 0 (flagged on the Z report). */
  openedImplicitly: boolean;
  movements: DrawerMovement[];
  /** float + cash taken − cash refunded + paid in − paid out, so far. */
  expectedCents: number;
}

export interface ZReportMethod {
  method: PaymentMethod;
  count: number;
  amountCents: number;
  tipsCents: number;
  refundsCents: number;
}

/** GET /api/reports/z/:number: a closed drawer's count. Numbered 1, 2, 3 … per shop, never changed. */
export interface ZReport {
  number: number;
  deviceId: string;
  deviceName: string;
  openedAt: string;
  closedAt: string;
  floatCents: number;
  cash: {
    salesCents: number;
    refundsCents: number;
    paidInCents: number;
    paidOutCents: number;
    expectedCents: number;
    countedCents: number;
    /** counted − expected: negative = short. */
    differenceCents: number;
  };
  byMethod: ZReportMethod[];
  movements: DrawerMovement[];
  openedImplicitly: boolean;
}

// The cash arithmetic lives in drawer-cash.ts (no valibot), so the service worker's estimate can use it without
// bundling the schemas; re-exported here so either import works.
export { expectedCashCents } from './drawer-cash.ts';
