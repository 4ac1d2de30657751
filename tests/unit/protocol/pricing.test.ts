// Hand-checked fixtures of the pricing module (DESIGN Part 3, principles 18-20). The property tests
// against an independent reference live beside this file.
import { describe, expect, it } from 'vitest';
import type { OptionGroup } from '../../../protocol/menu.ts';
import {
  discountAmountCents,
  divideRoundHalfAwayFromZero,
  priceLineOptions,
  priceOrder,
  shareAcrossRates,
} from '../../../protocol/pricing.ts';

const size: OptionGroup = {
  id: 'size',
  name: 'Size',
  min: 1,
  max: 1,
  options: [
    { id: 'small', name: 'Small', priceDeltaCents: -30, available: true },
    { id: 'large', name: 'Large', priceDeltaCents: 50, available: true },
  ],
};
const milk: OptionGroup = {
  id: 'milk',
  name: 'Milk',
  min: 0,
  max: 1,
  options: [{ id: 'oat', name: 'Oat milk', priceDeltaCents: 40, available: false }],
};
const latte = { priceCents: 350, optionGroups: ['size', 'milk'] };

describe('rounding', () => {
  it('rounds halves away from zero and everything else to the nearest unit', () => {
    expect(divideRoundHalfAwayFromZero(5n, 10n)).toBe(1);
    expect(divideRoundHalfAwayFromZero(15n, 10n)).toBe(2);
    expect(divideRoundHalfAwayFromZero(-5n, 10n)).toBe(-1);
    expect(divideRoundHalfAwayFromZero(14n, 10n)).toBe(1);
    expect(divideRoundHalfAwayFromZero(-14n, 10n)).toBe(-1);
  });
});

describe('line options', () => {
  it('prices a large latte with oat milk (a sold-out option is still accepted)', () => {
    const priced = priceLineOptions(
      latte,
      [size, milk],
      [
        { group: 'milk', option: 'oat' },
        { group: 'size', option: 'large' },
      ],
    );
    expect(priced).toEqual({
      ok: true,
      unitPriceCents: 440,
      // the item's group order, whatever order the choices came in
      options: [
        { group: 'size', option: 'large', name: 'Large', priceDeltaCents: 50 },
        { group: 'milk', option: 'oat', name: 'Oat milk', priceDeltaCents: 40 },
      ],
    });
  });

  it('refuses a missing required group, a second choice in a max-1 group, a group the item lacks, a repeat', () => {
    expect(priceLineOptions(latte, [size, milk], []).ok).toBe(false);
    expect(
      priceLineOptions(
        latte,
        [size, milk],
        [
          { group: 'size', option: 'small' },
          { group: 'size', option: 'large' },
        ],
      ).ok,
    ).toBe(false);
    expect(
      priceLineOptions({ priceCents: 100, optionGroups: [] }, [size], [{ group: 'size', option: 'small' }])
        .ok,
    ).toBe(false);
    expect(
      priceLineOptions(
        latte,
        [size, milk],
        [
          { group: 'size', option: 'large' },
          { group: 'size', option: 'large' },
        ],
      ).ok,
    ).toBe(false);
  });

  it('never prices a line below zero', () => {
    const cheap = { priceCents: 20, optionGroups: ['size'] };
    expect(priceLineOptions(cheap, [size], [{ group: 'size', option: 'small' }])).toMatchObject({
      unitPriceCents: 0,
    });
  });
});

describe('discounts', () => {
  it('takes a percent of the subtotal, half away from zero, and caps an amount at the subtotal', () => {
    expect(discountAmountCents({ kind: 'percent', value: 1000 }, 1005)).toBe(101); // 100.5
    expect(discountAmountCents({ kind: 'amount', value: 500 }, 300)).toBe(300);
  });

  it('shares by largest remainder, ties to the lower rate id', () => {
    const shares = shareAcrossRates(
      100,
      new Map([
        ['c', 1],
        ['a', 1],
        ['b', 1],
      ]),
    );
    expect(Object.fromEntries(shares)).toEqual({ a: 34, b: 33, c: 33 });
  });
});

describe('orders', () => {
  const rates = [
    { id: 'std', name: 'Standard', rateBasisPoints: 1900 },
    { id: 'red', name: 'Reduced', rateBasisPoints: 700 },
  ];

  it('takes tax out of gross once per rate when prices include tax', () => {
    // 1190 at 19 %: 190 tax, 1000 net. 535 at 7 %: 535 × 700 / 10700 = 35.0 → 35.
    const price = priceOrder(
      [
        { lineTotalCents: 700, taxRate: 'std' },
        { lineTotalCents: 490, taxRate: 'std' },
        { lineTotalCents: 535, taxRate: 'red' },
      ],
      { pricesIncludeTax: true, taxRates: rates },
      null,
    );
    expect(price.taxes).toEqual([
      {
        rate: 'std',
        name: 'Standard',
        rateBasisPoints: 1900,
        netCents: 1000,
        taxCents: 190,
        grossCents: 1190,
      },
      { rate: 'red', name: 'Reduced', rateBasisPoints: 700, netCents: 500, taxCents: 35, grossCents: 535 },
    ]);
    expect(price.totalCents).toBe(1725);
    expect(price.subtotalCents).toBe(1725);
  });

  it('adds tax on net after the discount share when prices exclude tax', () => {
    // subtotal 1000 (std 750, red 250); 10 % off = 100 → std 75, red 25.
    // std: 675 × 19 % = 128.25 → 128; red: 225 × 7 % = 15.75 → 16.
    const price = priceOrder(
      [
        { lineTotalCents: 750, taxRate: 'std' },
        { lineTotalCents: 250, taxRate: 'red' },
      ],
      { pricesIncludeTax: false, taxRates: rates },
      { id: 'staff', name: 'Staff', kind: 'percent', value: 1000 },
    );
    expect(price.discount).toEqual({ id: 'staff', name: 'Staff', amountCents: 100 });
    expect(price.taxes.map((tax) => [tax.rate, tax.netCents, tax.taxCents, tax.grossCents])).toEqual([
      ['std', 675, 128, 803],
      ['red', 225, 16, 241],
    ]);
    expect(price.totalCents).toBe(1000 - 100 + 128 + 16);
  });
});
