// The counter's Find order box finds active orders by number, customer, item and note.
import { describe, expect, it } from 'vitest';
import { orderMatches, orderQuery } from '../../../src/order-search.ts';

const order = {
  number: 'B-011',
  customerName: 'Zoë Ng',
  note: '',
  items: [
    { menuItemId: 'a', name: 'Caffè latte', qty: 1, unitPriceCents: 390, note: 'oat milk' },
    { menuItemId: 'b', name: 'Avocado toast', qty: 1, unitPriceCents: 750, note: '' },
  ],
};
const finds = (text: string) => orderMatches(order, orderQuery(text)!);

describe('Find order', () => {
  it('finds an order by its number, with or without the letter and zeros', () => {
    expect(finds('B-011')).toBe(true);
    expect(finds('011')).toBe(true);
    expect(finds('11')).toBe(true);
    expect(finds('012')).toBe(false);
  });

  it('finds by customer, item and item note, ignoring case and accents', () => {
    expect(finds('zoe')).toBe(true);
    expect(finds('CAFFE')).toBe(true);
    expect(finds('avocado')).toBe(true);
    expect(finds('oat')).toBe(true);
    expect(finds('bagel')).toBe(false);
  });

  it('treats a blank query as no filter', () => {
    expect(orderQuery('   ')).toBeNull();
  });
});
