// Turns a validated create body into what the store writes: lines priced from the menu and the
// canonical fingerprint a replay must match. Pure: no I/O, no clock.

import { createHash } from 'node:crypto';
import type { DiscountEntry, MenuItem } from '../protocol/menu.ts';
import type { OrderItem } from '../protocol/order.ts';
import { lineTaxRate, priceLineOptions, priceOrder, type MenuPricing } from '../protocol/pricing.ts';
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
  // Part 3, likewise appended only when sent (tagged, so they never read as a menu version). Options
  // in the order sent: another order of the same choices is another payload, as for lines.
  if (input.items.some((line) => line.options !== undefined))
    fields.push({
      options: input.items.map((line) => line.options?.map((o) => [o.group, o.option]) ?? null),
    });
  if (input.discount !== undefined) fields.push({ discount: input.discount });
  return sha256(JSON.stringify(fields));
}

/** Covers the order id too: the same key used on another order is a different request. */
export function changeFingerprint(orderId: string, body: PatchOrderBody): string {
  const fields: unknown[] = [orderId, body.status ?? null, body.paid ?? null];
  // Appended only when sent, so changes recorded before Part 3 keep their fingerprint.
  if (body.discount !== undefined) fields.push({ discount: body.discount });
  return sha256(JSON.stringify(fields));
}

/** The pricing half of the order's menu version (a MenuSnapshot fits). */
export interface OrderMenu extends Omit<MenuPricing, 'discounts'> {
  version: number;
  /** Inactive ones too: an order may only name an active one. */
  discounts: readonly (Pick<DiscountEntry, 'id' | 'name' | 'kind' | 'value'> & { active?: boolean })[];
}

export type PrepareResult =
  | { ok: true; order: NewOrder }
  | { ok: false; unknownMenuItems: string[] }
  /** A line's choices do not fit its item at the order's version (principle 18). */
  | { ok: false; invalidOptions: { line: number; menuItemId: string; reason: string } }
  | { ok: false; unknownDiscount: string };

const NO_PRICING: OrderMenu = {
  version: 0,
  pricesIncludeTax: true,
  taxRates: [],
  optionGroups: [],
  discounts: [],
};

/**
 * Prices every line at the order's menu version with protocol/pricing.ts (the same code as the
 * counter's estimate): options checked and their deltas added, each line's rate, then the discount
 * and tax per rate once per order. Unknown items are all named; then the first bad line.
 */
export function prepareOrder(
  input: CreateOrderInput,
  findMenuItem: (id: string) => MenuItem | undefined,
  menu: OrderMenu = NO_PRICING,
): PrepareResult {
  const unknown: string[] = [];
  const items: OrderItem[] = [];
  for (const [index, line] of input.items.entries()) {
    const menuItem = findMenuItem(line.menuItemId);
    if (!menuItem) {
      unknown.push(line.menuItemId);
      continue;
    }
    const priced = priceLineOptions(menuItem, menu.optionGroups, line.options ?? []);
    if (!priced.ok) {
      if (unknown.length > 0) continue;
      return { ok: false, invalidOptions: { line: index, menuItemId: menuItem.id, reason: priced.reason } };
    }
    items.push({
      menuItemId: menuItem.id,
      name: menuItem.name,
      qty: line.qty,
      unitPriceCents: priced.unitPriceCents,
      note: line.note ?? '',
      options: priced.options,
      taxRate: lineTaxRate(menuItem, menu.taxRates),
      lineTotalCents: line.qty * priced.unitPriceCents,
    });
  }
  if (unknown.length > 0) return { ok: false, unknownMenuItems: [...new Set(unknown)] };
  let discount: OrderMenu['discounts'][number] | null = null;
  if (input.discount !== undefined) {
    discount = menu.discounts.find((entry) => entry.id === input.discount && entry.active !== false) ?? null;
    if (!discount) return { ok: false, unknownDiscount: input.discount };
  }
  const price = priceOrder(
    items.map((item) => ({ lineTotalCents: item.lineTotalCents ?? 0, taxRate: item.taxRate ?? '' })),
    menu,
    discount,
  );
  return {
    ok: true,
    order: {
      id: input.id,
      number: input.number,
      deviceId: input.deviceId,
      customerName: input.customerName ?? '',
      note: input.note ?? '',
      items,
      totalCents: price.totalCents,
      createdAt: input.createdAt,
      fingerprint: createFingerprint(input),
      menuVersion: menu.version,
      subtotalCents: price.subtotalCents,
      discount: price.discount,
      taxes: price.taxes,
    },
  };
}
