// The options dialog's state: radio vs checkbox, required groups, max, and the price from the pricing module.
import { describe, expect, it } from 'vitest';
import type { MenuItem, OptionGroup } from '../../../protocol/menu.ts';
import {
  atMax,
  choose,
  groupKind,
  initialSelection,
  itemGroups,
  priceSelection,
} from '../../../src/options-state.ts';
import { lineLabel } from '../../../src/line-label.ts';

const SIZE: OptionGroup = {
  id: 'size',
  name: 'Size',
  min: 1,
  max: 1,
  options: [
    { id: 'small', name: 'Small', priceDeltaCents: -30, available: false },
    { id: 'regular', name: 'Regular', priceDeltaCents: 0, available: true },
    { id: 'large', name: 'Large', priceDeltaCents: 60, available: true },
  ],
};
const MILK: OptionGroup = {
  id: 'milk',
  name: 'Milk',
  min: 0,
  max: 1,
  options: [{ id: 'oat', name: 'Oat milk', priceDeltaCents: 40, available: true }],
};
const EXTRAS: OptionGroup = {
  id: 'extras',
  name: 'Extras',
  min: 0,
  max: 2,
  options: [
    { id: 'shot', name: 'Extra shot', priceDeltaCents: 50, available: true },
    { id: 'syrup', name: 'Vanilla syrup', priceDeltaCents: 40, available: true },
    { id: 'cream', name: 'Cream', priceDeltaCents: 30, available: true },
  ],
};
const GROUPS = [SIZE, MILK, EXTRAS];
const LATTE: MenuItem = {
  id: 'latte',
  name: 'Latte',
  priceCents: 320,
  category: 'coffee',
  available: true,
  optionGroups: ['extras', 'size', 'milk', 'gone'],
};

describe('options dialog state', () => {
  it("lists the item's groups in its order, radio for max 1", () => {
    expect(itemGroups(LATTE, GROUPS).map((g) => [g.id, groupKind(g)])).toEqual([
      ['extras', 'checkbox'],
      ['size', 'radio'],
      ['milk', 'radio'],
    ]);
  });

  it('starts a required single choice on its first available option, others empty', () => {
    expect(initialSelection(LATTE, GROUPS)).toEqual({ extras: [], size: ['regular'], milk: [] });
  });

  it('prices the line live as options change', () => {
    let s = initialSelection(LATTE, GROUPS);
    expect(priceSelection(LATTE, GROUPS, s)).toMatchObject({ ok: true, unitPriceCents: 320 });
    s = choose(s, SIZE, 'large', true);
    s = choose(s, MILK, 'oat', true);
    const priced = priceSelection(LATTE, GROUPS, s);
    expect(priced).toMatchObject({ ok: true, unitPriceCents: 420 });
    if (priced.ok) expect(lineLabel('Latte', priced.options)).toBe('Latte — Large, Oat milk');
    s = choose(s, MILK, null, true);
    expect(priceSelection(LATTE, GROUPS, s)).toMatchObject({ ok: true, unitPriceCents: 380 });
  });

  it("never ticks more than max, and keeps the group's option order", () => {
    let s = initialSelection(LATTE, GROUPS);
    s = choose(s, EXTRAS, 'cream', true);
    s = choose(s, EXTRAS, 'shot', true);
    expect(s.extras).toEqual(['shot', 'cream']);
    expect(atMax(s, EXTRAS, 'syrup')).toBe(true);
    expect(choose(s, EXTRAS, 'syrup', true)).toBe(s);
    s = choose(s, EXTRAS, 'shot', false);
    expect(s.extras).toEqual(['cream']);
    expect(atMax(s, EXTRAS, 'syrup')).toBe(false);
  });

  it('says why when a required group has no choice', () => {
    const s = choose(initialSelection(LATTE, GROUPS), SIZE, null, true);
    const priced = priceSelection(LATTE, GROUPS, s);
    expect(priced.ok).toBe(false);
    if (!priced.ok) expect(priced.reason).toContain('Size');
  });

  it('a sold-out option can still be chosen (advice, like items)', () => {
    const s = choose(initialSelection(LATTE, GROUPS), SIZE, 'small', true);
    expect(priceSelection(LATTE, GROUPS, s)).toMatchObject({ ok: true, unitPriceCents: 290 });
  });
});
