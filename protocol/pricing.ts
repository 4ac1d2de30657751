// The one pricing module (DESIGN Part 3, principles 18-20): options, discount shares and tax per
// rate. The counter's estimate and the server both call it, so an order taken offline is priced
// exactly as the server will price it. Pure integer arithmetic on minor units: never a float.

import type { Discount, MenuItem, MenuResponse, OptionGroup, TaxRate } from './menu.ts';
import type { OrderDiscount, OrderLineOption, OrderTax } from './order.ts';

/** The pricing half of a menu, with the defaults a menu cached before Part 3 implies. */
export interface MenuPricing {
  pricesIncludeTax: boolean;
  taxRates: TaxRate[];
  optionGroups: OptionGroup[];
  discounts: Discount[];
}

export function menuPricing(
  menu: Pick<MenuResponse, 'pricesIncludeTax' | 'taxRates' | 'optionGroups' | 'discounts'>,
): MenuPricing {
  return {
    pricesIncludeTax: menu.pricesIncludeTax ?? true,
    taxRates: menu.taxRates ?? [],
    optionGroups: menu.optionGroups ?? [],
    discounts: menu.discounts ?? [],
  };
}

/**
 * a / b rounded to the nearest integer, halves away from zero (principle 19). BigInt so that
 * gross × rate (up to ~10^15) never loses a unit; b must be positive.
 */
export function divideRoundHalfAwayFromZero(a: bigint, b: bigint): number {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const negative = a < 0n;
  const magnitude = negative ? -a : a;
  const quotient = magnitude / b;
  const rounded = (magnitude % b) * 2n >= b ? quotient + 1n : quotient;
  return Number(negative ? -rounded : rounded);
}

export interface OptionChoice {
  group: string;
  option: string;
}

export type PricedLineOptions =
  { ok: true; unitPriceCents: number; options: OrderLineOption[] } | { ok: false; reason: string };

/**
 * Checks one line's choices against the item at the order's menu version and prices it:
 * every group the item offers between min and max choices, no option twice, no group the item
 * does not offer. Options come back in the item's group order, then the group's option order,
 * so the same choices in another order make the same line. Sold-out options are accepted.
 */
export function priceLineOptions(
  item: Pick<MenuItem, 'priceCents' | 'optionGroups'>,
  groups: readonly OptionGroup[],
  choices: readonly OptionChoice[],
): PricedLineOptions {
  const offered = item.optionGroups ?? [];
  const byId = new Map(groups.map((group) => [group.id, group]));
  const seen = new Set<string>();
  for (const choice of choices) {
    if (!offered.includes(choice.group))
      return { ok: false, reason: `the item does not offer "${choice.group}"` };
    const group = byId.get(choice.group);
    if (!group) return { ok: false, reason: `"${choice.group}" is not an option group of this menu` };
    if (!group.options.some((option) => option.id === choice.option))
      return { ok: false, reason: `"${choice.option}" is not an option of "${group.id}"` };
    const key = `${choice.group}\u0000${choice.option}`;
    if (seen.has(key)) return { ok: false, reason: `"${choice.option}" is chosen twice` };
    seen.add(key);
  }
  const options: OrderLineOption[] = [];
  let deltas = 0;
  for (const groupId of offered) {
    const group = byId.get(groupId);
    if (!group) continue;
    const chosen = group.options.filter((option) => seen.has(`${groupId}\u0000${option.id}`));
    if (chosen.length < group.min)
      return {
        ok: false,
        reason: `"${group.name}" needs at least ${group.min} choice${group.min === 1 ? '' : 's'}`,
      };
    if (chosen.length > group.max)
      return {
        ok: false,
        reason: `"${group.name}" allows at most ${group.max} choice${group.max === 1 ? '' : 's'}`,
      };
    for (const option of chosen) {
      options.push({
        group: groupId,
        option: option.id,
        name: option.name,
        priceDeltaCents: option.priceDeltaCents,
      });
      deltas += option.priceDeltaCents;
    }
  }
  return { ok: true, unitPriceCents: Math.max(0, item.priceCents + deltas), options };
}

/** What the order-level pricing needs of a line. */
export interface PricingLine {
  lineTotalCents: number;
  /** A rate id of the menu. */
  taxRate: string;
}

/** The item's own rate, or the menu's first one (principle 19). "" only for a menu with no rates. */
export function lineTaxRate(item: Pick<MenuItem, 'taxRate'>, taxRates: readonly TaxRate[]): string {
  return item.taxRate ?? taxRates[0]?.id ?? '';
}

/** `percent`: round(subtotal × value / 10000); `amount`: min(value, subtotal) (principle 20). */
export function discountAmountCents(
  discount: Pick<Discount, 'kind' | 'value'>,
  subtotalCents: number,
): number {
  if (subtotalCents <= 0) return 0;
  if (discount.kind === 'percent')
    return Math.min(
      subtotalCents,
      divideRoundHalfAwayFromZero(BigInt(subtotalCents) * BigInt(discount.value), 10_000n),
    );
  return Math.min(discount.value, subtotalCents);
}

/**
 * Shares `amountCents` across the rates in proportion to each rate's line sum: floors first, then
 * the units left over to the largest remainders (ties: lower rate id first).
 */
export function shareAcrossRates(
  amountCents: number,
  sums: ReadonlyMap<string, number>,
): Map<string, number> {
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  const shares = new Map<string, number>();
  if (total <= 0 || amountCents <= 0) {
    for (const rate of sums.keys()) shares.set(rate, 0);
    return shares;
  }
  const remainders: { rate: string; remainder: bigint }[] = [];
  let given = 0;
  for (const [rate, sum] of sums) {
    const scaled = BigInt(amountCents) * BigInt(sum);
    const floor = Number(scaled / BigInt(total));
    shares.set(rate, floor);
    given += floor;
    remainders.push({ rate, remainder: scaled % BigInt(total) });
  }
  remainders.sort((a, b) =>
    a.remainder !== b.remainder
      ? a.remainder > b.remainder
        ? -1
        : 1
      : a.rate < b.rate
        ? -1
        : a.rate > b.rate
          ? 1
          : 0,
  );
  for (let i = 0; i < amountCents - given; i += 1) {
    const { rate } = remainders[i % remainders.length]!;
    shares.set(rate, shares.get(rate)! + 1);
  }
  return shares;
}

export interface OrderPrice {
  subtotalCents: number;
  discount: OrderDiscount | null;
  taxes: OrderTax[];
  totalCents: number;
}

/**
 * Prices a whole order from its priced lines: the discount's share per rate, then tax once per
 * rate, half away from zero. `taxes` lists every rate the lines use, in the menu's rate order.
 */
export function priceOrder(
  lines: readonly PricingLine[],
  pricing: Pick<MenuPricing, 'pricesIncludeTax' | 'taxRates'>,
  discount: Pick<Discount, 'id' | 'name' | 'kind' | 'value'> | null,
): OrderPrice {
  const sums = new Map<string, number>();
  let subtotalCents = 0;
  for (const line of lines) {
    subtotalCents += line.lineTotalCents;
    sums.set(line.taxRate, (sums.get(line.taxRate) ?? 0) + line.lineTotalCents);
  }
  const discountCents = discount ? discountAmountCents(discount, subtotalCents) : 0;
  const shares = shareAcrossRates(discountCents, sums);
  const rateOrder = new Map(pricing.taxRates.map((rate, index) => [rate.id, index]));
  const rateIds = [...sums.keys()].sort(
    (a, b) => (rateOrder.get(a) ?? Infinity) - (rateOrder.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const taxes: OrderTax[] = rateIds.map((rateId) => {
    const rate = pricing.taxRates.find((candidate) => candidate.id === rateId);
    const basisPoints = rate?.rateBasisPoints ?? 0;
    const base = sums.get(rateId)! - shares.get(rateId)!;
    if (pricing.pricesIncludeTax) {
      const taxCents = divideRoundHalfAwayFromZero(
        BigInt(base) * BigInt(basisPoints),
        BigInt(10_000 + basisPoints),
      );
      return {
        rate: rateId,
        name: rate?.name ?? rateId,
        rateBasisPoints: basisPoints,
        netCents: base - taxCents,
        taxCents,
        grossCents: base,
      };
    }
    const taxCents = divideRoundHalfAwayFromZero(BigInt(base) * BigInt(basisPoints), 10_000n);
    return {
      rate: rateId,
      name: rate?.name ?? rateId,
      rateBasisPoints: basisPoints,
      netCents: base,
      taxCents,
      grossCents: base + taxCents,
    };
  });
  return {
    subtotalCents,
    discount: discount ? { id: discount.id, name: discount.name, amountCents: discountCents } : null,
    taxes,
    totalCents: taxes.reduce((sum, tax) => sum + tax.grossCents, 0),
  };
}
