// The Menu screen's pure helpers: prices typed by a person, ids made from names, and the grouping
// that keeps empty categories (so an item can be moved into one).
import { describe, expect, it } from 'vitest';
import { moneyInputText } from '../../../src/money-input.ts';
import { centsFrom, newItemId, slugFor } from '../../../src/screens/menu-edits.ts';
import { deltaCentsFrom } from '../../../src/screens/menu-pricing-edits.ts';
import { groupItems } from '../../../src/screens/menu-groups.ts';

describe('menu screen helpers', () => {
  it('reads a typed price as cents, with a comma or a point, and anything else as NaN for the server to refuse', () => {
    expect(centsFrom('3.5')).toBe(350);
    expect(centsFrom(' 3,75 ')).toBe(375);
    expect(centsFrom('12')).toBe(1200);
    expect(centsFrom('0.29')).toBe(29);
    for (const text of ['three', '3.755', '-1', '', '1e3']) expect(centsFrom(text)).toBeNaN();
  });

  it('reads and shows prices in the menu currency’s own digits (JPY 0, KWD 3), never as hundredths', () => {
    expect(centsFrom('980', 'JPY')).toBe(980);
    expect(centsFrom('9.80', 'JPY')).toBeNaN();
    expect(centsFrom('1.250', 'KWD')).toBe(1250);
    expect(centsFrom('1,25', 'KWD')).toBe(1250);
    expect(centsFrom('3.50', 'EUR')).toBe(350);
    expect(deltaCentsFrom('-0.125', 'KWD')).toBe(-125);
    expect(deltaCentsFrom('−50', 'JPY')).toBe(-50);
    expect(deltaCentsFrom('0,40', 'EUR')).toBe(40);
    expect(deltaCentsFrom('0.4.0', 'EUR')).toBeNaN();
    // What an edit form starts with: the stored price back as typed text, unchanged when saved.
    for (const [minor, currency, text] of [
      [980, 'JPY', '980'],
      [1250, 'KWD', '1.250'],
      [-30, 'EUR', '-0.30'],
    ] as const) {
      expect(moneyInputText(minor, currency)).toBe(text);
      expect(minor < 0 ? deltaCentsFrom(text, currency) : centsFrom(text, currency)).toBe(minor);
    }
  });

  it('makes a slug id from an item name', () => {
    expect(slugFor('Cold brew!')).toBe('cold-brew');
    expect(slugFor('  Caffè  latte ')).toBe('caffe-latte');
    expect(slugFor('x'.repeat(80))).toHaveLength(64);
  });

  it('never gives a new item the id of one already on the menu', () => {
    expect(newItemId('Latte', new Set(['espresso']))).toBe('latte');
    expect(newItemId('Latte', new Set(['latte', 'latte-2']))).toBe('latte-3');
    expect(newItemId('!!!', new Set())).toBe('item');
  });

  it('groups items under every category in menu order, empty ones included, unknown ones last', () => {
    const groups = groupItems({
      categories: [
        { id: 'coffee', name: 'Coffee' },
        { id: 'bakery', name: 'Bakery' },
      ],
      items: [
        { id: 'bun', name: 'Bun', priceCents: 300, category: 'bakery', available: true },
        { id: 'pie', name: 'Pie', priceCents: 400, category: 'specials', available: false },
      ],
    });
    expect(groups.map((group) => [group.category.name, group.items.map((item) => item.id)])).toEqual([
      ['Coffee', []],
      ['Bakery', ['bun']],
      ['specials', ['pie']],
    ]);
  });
});
