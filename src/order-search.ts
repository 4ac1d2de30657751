// The counter's `Find order` box: which active orders a typed text finds, by number, customer, item or note.
// Pure and forgiving: case and accents are ignored, and "11", "011" and "b-011" all find B-011.
import type { ClientOrder } from '../protocol/order.ts';

/** Lower case without accents, so "cafe" finds "Caffè latte". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A query folded once for many orders; null when it is blank (everything matches). */
export function orderQuery(text: string): string | null {
  const folded = foldText(text.trim());
  return folded === '' ? null : folded;
}

export function orderMatches(
  order: Pick<ClientOrder, 'number' | 'customerName' | 'note' | 'items'>,
  query: string,
): boolean {
  if (foldText(order.number).includes(query)) return true;
  if (foldText(order.customerName).includes(query)) return true;
  if (order.note !== '' && foldText(order.note).includes(query)) return true;
  return order.items.some(
    (item) =>
      foldText(item.name).includes(query) || (item.note !== '' && foldText(item.note).includes(query)),
  );
}
