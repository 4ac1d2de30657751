// Cart transitions at the counter and the draft sent to the SW.
import { describe, expect, it } from 'vitest';
import type { MenuItem } from '../../../protocol/api.ts';
import {
  addItem,
  cartTotalCents,
  changeQty,
  EMPTY_CART,
  setDiscount,
  setLineNote,
  toDraft,
} from '../../../src/cart.ts';

const TEA: MenuItem = { id: 'tea', name: 'Tea', priceCents: 250, category: 'drinks', available: true };
const BUN: MenuItem = { id: 'bun', name: 'Bun', priceCents: 300, category: 'food', available: true };

describe('cart', () => {
  it('adding the same item twice raises its quantity instead of adding a line', () => {
    const cart = addItem(addItem(addItem(EMPTY_CART, TEA), BUN), TEA);
    expect(cart.lines.map((l) => [l.menuItemId, l.qty])).toEqual([
      ['tea', 2],
      ['bun', 1],
    ]);
    expect(cartTotalCents(cart)).toBe(800);
  });

  it('removing the last one of an item drops its line', () => {
    const cart = changeQty(addItem(EMPTY_CART, TEA), 0, -1);
    expect(cart.lines).toEqual([]);
  });

  it('never goes over 99 of one line', () => {
    const cart = changeQty(addItem(EMPTY_CART, TEA), 0, 500);
    expect(cart.lines[0]!.qty).toBe(99);
  });

  it('turns into a draft with trimmed name and notes', () => {
    const cart = setLineNote({ ...addItem(EMPTY_CART, TEA), customerName: '  Ada ' }, 0, ' no sugar ');
    expect(toDraft(cart)).toEqual({
      customerName: 'Ada',
      note: '',
      items: [{ menuItemId: 'tea', qty: 1, note: 'no sugar', name: 'Tea', unitPriceCents: 250 }],
    });
  });

  const LATTE: MenuItem = {
    ...TEA,
    id: 'latte',
    name: 'Latte',
    priceCents: 320,
    optionGroups: ['size', 'milk'],
  };
  const LARGE = { group: 'size', option: 'large', name: 'Large', priceDeltaCents: 60 };
  const OAT = { group: 'milk', option: 'oat', name: 'Oat milk', priceDeltaCents: 40 };

  it('the same item with other options is another line; identical choices merge', () => {
    let cart = addItem(EMPTY_CART, LATTE, { unitPriceCents: 420, options: [LARGE, OAT] });
    cart = addItem(cart, LATTE, { unitPriceCents: 380, options: [LARGE] });
    cart = addItem(cart, LATTE, { unitPriceCents: 420, options: [LARGE, OAT] });
    cart = addItem(cart, LATTE);
    expect(
      cart.lines.map((l) => [l.options.map((o) => o.option).join('+'), l.qty, l.unitPriceCents]),
    ).toEqual([
      ['large+oat', 2, 420],
      ['large', 1, 380],
      ['', 1, 320],
    ]);
    expect(cartTotalCents(cart)).toBe(2 * 420 + 380 + 320);
  });

  it('sends the options and the discount in the draft', () => {
    const cart = setDiscount(
      addItem(EMPTY_CART, LATTE, { unitPriceCents: 420, options: [LARGE, OAT] }),
      'staff',
    );
    expect(toDraft(cart, 7)).toEqual({
      menuVersion: 7,
      discount: 'staff',
      customerName: '',
      note: '',
      items: [
        { menuItemId: 'latte', qty: 1, note: '', name: 'Latte', unitPriceCents: 420, options: [LARGE, OAT] },
      ],
    });
  });
});
