// The cart being composed at the counter: pure state transitions and the draft it becomes.
import type { MenuItem } from '../protocol/api.ts';
import type { OrderDraft } from '../protocol/messages.ts';
import { orderTotalCents } from '../protocol/order.ts';

export interface CartLine {
  menuItemId: string;
  name: string;
  unitPriceCents: number;
  qty: number;
  note: string;
}

export interface Cart {
  lines: CartLine[];
  customerName: string;
}

export const EMPTY_CART: Cart = { lines: [], customerName: '' };
export const MAX_QTY = 99;

export function addItem(cart: Cart, item: MenuItem): Cart {
  const at = cart.lines.findIndex((line) => line.menuItemId === item.id);
  if (at < 0) {
    const line = { menuItemId: item.id, name: item.name, unitPriceCents: item.priceCents, qty: 1, note: '' };
    return { ...cart, lines: [...cart.lines, line] };
  }
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

export function cartTotalCents(cart: Cart): number {
  return orderTotalCents(cart.lines);
}

/** `menuVersion`: the menu the cart was composed from, so the server prices what the customer was shown. */
export function toDraft(cart: Cart, menuVersion?: number): OrderDraft {
  return {
    ...(menuVersion === undefined ? {} : { menuVersion }),
    customerName: cart.customerName.trim(),
    note: '',
    items: cart.lines.map((l) => ({
      menuItemId: l.menuItemId,
      qty: l.qty,
      note: l.note.trim(),
      name: l.name,
      unitPriceCents: l.unitPriceCents,
    })),
  };
}
