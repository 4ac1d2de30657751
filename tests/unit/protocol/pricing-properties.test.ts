// Property-based tests of protocol/pricing.ts against an independent reference written here with big.js
// (decimal arithmetic, no BigInt, no shared code): Σ gross per rate = total, Σ discount shares = discount,
// inclusive tax never exceeds gross, replays (and any line order) price identically, halves round away from zero.

import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Discount, TaxRate } from '../../../protocol/menu.ts';
import {
  discountAmountCents,
  divideRoundHalfAwayFromZero,
  priceOrder,
  shareAcrossRates,
  type PricingLine,
} from '../../../protocol/pricing.ts';

const RUNS = { numRuns: 1000 };

/** Big.js round mode 1: to nearest, equidistant away from zero (its "ROUND_HALF_UP" is symmetric). */
const HALF_AWAY = 1;
const roundRef = (value: Big): number => Number(value.round(0, HALF_AWAY).toString());

interface RefTax {
  rate: string;
  netCents: number;
  taxCents: number;
  grossCents: number;
}

/** The reference: principle 19-20 read straight from DESIGN, in decimal arithmetic. */
function referencePrice(
  lines: readonly PricingLine[],
  rates: readonly TaxRate[],
  pricesIncludeTax: boolean,
  discount: Pick<Discount, 'kind' | 'value'> | null,
) {
  const sums = new Map<string, Big>();
  let subtotal = new Big(0);
  for (const line of lines) {
    subtotal = subtotal.plus(line.lineTotalCents);
    sums.set(line.taxRate, (sums.get(line.taxRate) ?? new Big(0)).plus(line.lineTotalCents));
  }
  let discountCents = 0;
  if (discount && subtotal.gt(0)) {
    discountCents =
      discount.kind === 'percent'
        ? Math.min(Number(subtotal), roundRef(subtotal.times(discount.value).div(10_000)))
        : Math.min(discount.value, Number(subtotal));
  }
  // Largest remainder: floors, then one unit each to the largest fractional parts (ties: lower rate id).
  const shares = new Map<string, number>();
  const parts: { rate: string; fraction: Big }[] = [];
  let given = 0;
  for (const [rate, sum] of sums) {
    const exact = subtotal.gt(0) ? new Big(discountCents).times(sum).div(subtotal) : new Big(0);
    const floor = Number(exact.round(0, 0).toString());
    shares.set(rate, floor);
    given += floor;
    parts.push({ rate, fraction: exact.minus(floor) });
  }
  parts.sort((a, b) => b.fraction.cmp(a.fraction) || (a.rate < b.rate ? -1 : a.rate > b.rate ? 1 : 0));
  for (let i = 0; i < discountCents - given; i += 1) {
    const rate = parts[i % parts.length]!.rate;
    shares.set(rate, shares.get(rate)! + 1);
  }
  const taxes: RefTax[] = [];
  for (const [rate, sum] of sums) {
    const r = rates.find((candidate) => candidate.id === rate)?.rateBasisPoints ?? 0;
    const base = Number(sum.minus(shares.get(rate)!));
    if (pricesIncludeTax) {
      const tax = roundRef(new Big(base).times(r).div(10_000 + r));
      taxes.push({ rate, netCents: base - tax, taxCents: tax, grossCents: base });
    } else {
      const tax = roundRef(new Big(base).times(r).div(10_000));
      taxes.push({ rate, netCents: base, taxCents: tax, grossCents: base + tax });
    }
  }
  taxes.sort((a, b) => (a.rate < b.rate ? -1 : 1));
  return {
    subtotalCents: Number(subtotal),
    discountCents,
    shares,
    taxes,
    totalCents: taxes.reduce((sum, tax) => sum + tax.grossCents, 0),
  };
}

const RATE_IDS = ['a', 'b', 'c', 'd'] as const;
const rates = fc
  .tuple(...RATE_IDS.map(() => fc.integer({ min: 0, max: 10_000 })))
  .map((bps) => RATE_IDS.map((id, i) => ({ id, name: id.toUpperCase(), rateBasisPoints: bps[i]! })));
const line = fc.record({
  lineTotalCents: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 99 * 10_000_000 })),
  taxRate: fc.constantFrom(...RATE_IDS),
});
const lines = fc.array(line, { minLength: 1, maxLength: 100 });
const discount = fc.option(
  fc.oneof(
    fc.record({
      id: fc.constant('p'),
      name: fc.constant('P'),
      kind: fc.constant('percent' as const),
      value: fc.integer({ min: 0, max: 10_000 }),
    }),
    fc.record({
      id: fc.constant('m'),
      name: fc.constant('M'),
      kind: fc.constant('amount' as const),
      value: fc.integer({ min: 0, max: 10_000_000 }),
    }),
  ),
  { nil: null },
);

describe('priceOrder against the big.js reference', () => {
  it('prices every order exactly as the reference (discount, shares, tax per rate, total)', () => {
    fc.assert(
      fc.property(lines, rates, fc.boolean(), discount, (ls, rs, inclusive, d) => {
        const price = priceOrder(ls, { pricesIncludeTax: inclusive, taxRates: rs }, d);
        const ref = referencePrice(ls, rs, inclusive, d);
        expect(price.subtotalCents).toBe(ref.subtotalCents);
        expect(price.discount?.amountCents ?? 0).toBe(ref.discountCents);
        expect(
          price.taxes.map(({ rate, netCents, taxCents, grossCents }) => ({
            rate,
            netCents,
            taxCents,
            grossCents,
          })),
        ).toEqual(ref.taxes);
        expect(price.totalCents).toBe(ref.totalCents);
      }),
      RUNS,
    );
  });

  it('Σ gross per rate = total, and with tax excluded total = subtotal − discount + Σ tax', () => {
    fc.assert(
      fc.property(lines, rates, fc.boolean(), discount, (ls, rs, inclusive, d) => {
        const price = priceOrder(ls, { pricesIncludeTax: inclusive, taxRates: rs }, d);
        expect(price.taxes.reduce((s, t) => s + t.grossCents, 0)).toBe(price.totalCents);
        const taxSum = price.taxes.reduce((s, t) => s + t.taxCents, 0);
        const discountCents = price.discount?.amountCents ?? 0;
        if (inclusive) expect(price.totalCents).toBe(price.subtotalCents - discountCents);
        else expect(price.totalCents).toBe(price.subtotalCents - discountCents + taxSum);
      }),
      RUNS,
    );
  });

  it('Σ discount shares = discount, each share within one unit of its exact proportion', () => {
    fc.assert(
      fc.property(lines, discount, (ls, d) => {
        const sums = new Map<string, number>();
        for (const l of ls) sums.set(l.taxRate, (sums.get(l.taxRate) ?? 0) + l.lineTotalCents);
        const subtotal = [...sums.values()].reduce((a, b) => a + b, 0);
        const amount = d ? discountAmountCents(d, subtotal) : 0;
        const shares = shareAcrossRates(amount, sums);
        expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(subtotal > 0 ? amount : 0);
        for (const [rate, share] of shares) {
          if (subtotal === 0) continue;
          const exact = new Big(amount).times(sums.get(rate)!).div(subtotal);
          expect(new Big(share).minus(exact).abs().lt(1)).toBe(true);
          expect(share).toBeLessThanOrEqual(sums.get(rate)!);
        }
      }),
      RUNS,
    );
  });

  it('inclusive tax never exceeds gross, and never goes below 0', () => {
    fc.assert(
      fc.property(lines, rates, discount, (ls, rs, d) => {
        for (const tax of priceOrder(ls, { pricesIncludeTax: true, taxRates: rs }, d).taxes) {
          expect(tax.taxCents).toBeGreaterThanOrEqual(0);
          expect(tax.taxCents).toBeLessThanOrEqual(tax.grossCents);
          expect(tax.netCents + tax.taxCents).toBe(tax.grossCents);
        }
      }),
      RUNS,
    );
  });

  it('a replay, or the same lines in another order, prices identically', () => {
    fc.assert(
      fc.property(lines, rates, fc.boolean(), discount, fc.integer(), (ls, rs, inclusive, d, seed) => {
        const pricing = { pricesIncludeTax: inclusive, taxRates: rs };
        const first = priceOrder(ls, pricing, d);
        expect(priceOrder(structuredClone(ls), pricing, d)).toEqual(first);
        const shuffled = [...ls].sort(
          (a, b) => ((a.lineTotalCents * 31 + seed) % 7) - ((b.lineTotalCents * 31 + seed) % 7),
        );
        expect(priceOrder(shuffled, pricing, d)).toEqual(first);
      }),
      RUNS,
    );
  });
});

describe('divideRoundHalfAwayFromZero', () => {
  it('every exact half goes away from zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.boolean(),
        (k, half, negative) => {
          const b = half * 2n;
          const a = k * b + half; // exactly k + 1/2 times b
          const expected = Number(k + 1n);
          expect(divideRoundHalfAwayFromZero(negative ? -a : a, b)).toBe(negative ? -expected : expected);
        },
      ),
      RUNS,
    );
  });

  it('agrees with big.js for any numerator and divisor', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 20_000n }),
        (a, b) => {
          expect(divideRoundHalfAwayFromZero(a, b)).toBe(roundRef(new Big(a.toString()).div(b.toString())));
        },
      ),
      RUNS,
    );
  });
});
