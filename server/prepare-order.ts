// Turns a validated create body into what the store writes: lines priced from the menu and the
// canonical fingerprint a replay must match. Pure: no I/O, no clock.

import { createHash } from 'node:crypto';
import type { MenuItem } from '../protocol/menu.ts';
import { orderTotalCents, type OrderItem } from '../protocol/order.ts';
import type { CreateOrderInput, PatchOrderBody } from '../protocol/schemas.ts';
import type { NewOrder } from './store/order-store.ts';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The create payload in one canonical form: fixed key order, defaults filled in, timestamp
 * normalised. So the same JSON with its keys in another order (or "" sent for an omitted note)
 * fingerprints identically, and anything that changes meaning does not.
 */
export function createFingerprint(input: CreateOrderInput): string {
  const fields: unknown[] = [
    input.id,
    input.number,
    input.deviceId,
    input.createdAt,
    input.customerName ?? '',
    input.note ?? '',
    input.items.map((line) => [line.menuItemId, line.qty, line.note ?? '']),
  ];
  // Appended only when sent, so creates stored before menu versions existed keep their fingerprint.
  if (input.menuVersion !== undefined) fields.push(input.menuVersion);
  return sha256(JSON.stringify(fields));
}

/** Covers the order id too: the same key used on another order is a different request. */
export function changeFingerprint(orderId: string, body: PatchOrderBody): string {
  return sha256(JSON.stringify([orderId, body.status ?? null, body.paid ?? null]));
}

export type PrepareResult = { ok: true; order: NewOrder } | { ok: false; unknownMenuItems: string[] };

export function prepareOrder(
  input: CreateOrderInput,
  findMenuItem: (id: string) => MenuItem | undefined,
): PrepareResult {
  const unknown: string[] = [];
  const items: OrderItem[] = [];
  for (const line of input.items) {
    const menuItem = findMenuItem(line.menuItemId);
    if (!menuItem) {
      unknown.push(line.menuItemId);
      continue;
    }
    items.push({
      menuItemId: menuItem.id,
      name: menuItem.name,
      qty: line.qty,
      unitPriceCents: menuItem.priceCents,
      note: line.note ?? '',
    });
  }
  if (unknown.length > 0) return { ok: false, unknownMenuItems: [...new Set(unknown)] };
  return {
    ok: true,
    order: {
      id: input.id,
      number: input.number,
      deviceId: input.deviceId,
      customerName: input.customerName ?? '',
      note: input.note ?? '',
      items,
      totalCents: orderTotalCents(items),
      createdAt: input.createdAt,
      fingerprint: createFingerprint(input),
    },
  };
}
