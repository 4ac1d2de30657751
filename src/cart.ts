// The cart being composed at the counter: pure state transitions and the draft it becomes. A line is
// an item with its chosen options: the same item with other options is another line, identical ones merge.
import type { MenuItem } from '../protocol/api.ts';
import type { OrderDraft } from '../protocol/messages.ts';
import type { OrderLineOption } from '../protocol/order.ts';
import { orderTotalCents } from '../protocol/order.ts';

export interface CartLine {
  menuItemId: string;
  name: string;
  /** Item price + Σ option deltas (protocol/pricing.ts `priceLineOptions`). */
  unitPriceCents: number;
  qty: number;
  note: string;
  /** In the item's group order, then the group's option order (as priceLineOptions returns them). */
  options: OrderLineOption[];
}

export interface Cart {
  lines: CartLine[];
  customerName: string;
  /** A discount preset id of the cart's menu, or null. */
  discount: string | null;
}

export const EMPTY_CART: Cart = { lines: [], customerName: '', discount: null };
export const MAX_QTY = 99;

/** The line a priced choice of options makes (what the options dialog hands back). */
export interface PricedChoice {
  unitPriceCents: number;
  options: OrderLineOption[];
}

/** Two lines are the same line when item and choices match; options come ordered, so a join compares them. */
export function lineKey(line: Pick<CartLine, 'menuItemId' | 'options'>): string {
  return [line.menuItemId, ...line.options.map((o) => `${o.group}\u0000${o.option}`)].join('\u0001');
}

/** `priced` absent = the item without options at its own price (items without groups: one tap). */
export function addItem(cart: Cart, item: MenuItem, priced?: PricedChoice): Cart {
  const line: CartLine = {
    menuItemId: item.id,
    name: item.name,
    unitPriceCents: priced?.unitPriceCents ?? item.priceCents,
    qty: 1,
    note: '',
    options: priced?.options ?? [],
  };
  const key = lineKey(line);
  const at = cart.lines.findIndex((existing) => lineKey(existing) === key);
  if (at < 0) return { ...cart, lines: [...cart.lines, line] };
  return changeQty(cart, at, 1);
}

/** Quantity stays within 1..99; going below 1 removes the line. */
export function changeQty(cart: Cart, index: number, by: number): Cart {
  const line = cart.lines[index];
  if (!line) return cart;
  const qty = Math.min(MAX_QTY, line.qty + by);
  if (qty < 1) return { ...cart, lines: cart.lines.filter((_, i) => i !== index) };
  return { ...cart, lines: cart.lines.map((l, i) => (i === index ? { ...l, qty } : l)) };
}

export function setLineNote(cart: Cart, index: number, note: string): Cart {
  return { ...cart, lines: cart.lines.map((l, i) => (i === index ? { ...l, note } : l)) };
}

export function setDiscount(cart: Cart, discount: string | null): Cart {
  return { ...cart, discount };
}

export function cartTotalCents(cart: Cart): number {
  return orderTotalCents(cart.lines);
}

/** `menuVersion`: the menu the cart was composed from, so the server prices what the customer was shown. */
export function toDraft(cart: Cart, menuVersion?: number): OrderDraft {
  return {
    ...(menuVersion === undefined ? {} : { menuVersion }),
    ...(cart.discount === null ? {} : { discount: cart.discount }),
    customerName: cart.customerName.trim(),
    note: '',
    items: cart.lines.map((l) => ({
      menuItemId: l.menuItemId,
      qty: l.qty,
      note: l.note.trim(),
      name: l.name,
      unitPriceCents: l.unitPriceCents,
      ...(l.options.length > 0 ? { options: l.options } : {}),
    })),
  };
}
