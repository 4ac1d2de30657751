// The options dialog's state, kept pure so it is unit-tested: which option of each group is chosen, how a
// tap changes that (radio for max 1, checkboxes otherwise, never above max), and the price of the line
// from protocol/pricing.ts (never re-implemented here).
import type { MenuItem, OptionGroup } from '../protocol/menu.ts';
import { priceLineOptions, type OptionChoice, type PricedLineOptions } from '../protocol/pricing.ts';

/** Group id → the chosen option ids, in the group's option order. */
export type Selection = Readonly<Record<string, readonly string[]>>;

/** `radio` for a group with max 1 (with a "None" choice when min is 0), `checkbox` otherwise. */
export function groupKind(group: Pick<OptionGroup, 'max'>): 'radio' | 'checkbox' {
  return group.max === 1 ? 'radio' : 'checkbox';
}

/** The groups the item offers, in its order; ids the menu lacks are skipped. */
export function itemGroups(
  item: Pick<MenuItem, 'optionGroups'>,
  groups: readonly OptionGroup[],
): OptionGroup[] {
  const byId = new Map(groups.map((group) => [group.id, group]));
  return (item.optionGroups ?? []).flatMap((id) => {
    const group = byId.get(id);
    return group ? [group] : [];
  });
}

/**
 * A required single choice (Size: min 1, max 1) starts on its first available option, so the usual
 * order is one tap on `Add to order`; every other group starts empty.
 */
export function initialSelection(
  item: Pick<MenuItem, 'optionGroups'>,
  groups: readonly OptionGroup[],
): Selection {
  const selection: Record<string, string[]> = {};
  for (const group of itemGroups(item, groups)) {
    const first = group.options.find((option) => option.available) ?? group.options[0];
    selection[group.id] = group.min >= 1 && group.max === 1 && first ? [first.id] : [];
  }
  return selection;
}

/** Picks `option` in a radio group (`null` = None), or toggles it in a checkbox group within `max`. */
export function choose(
  selection: Selection,
  group: OptionGroup,
  option: string | null,
  on: boolean,
): Selection {
  const current = selection[group.id] ?? [];
  let next: string[];
  if (groupKind(group) === 'radio') next = option === null ? [] : [option];
  else if (option === null) next = [];
  else if (!on) next = current.filter((id) => id !== option);
  else if (current.includes(option) || current.length >= group.max) return selection;
  else next = [...current, option];
  const order = group.options.map((o) => o.id);
  next.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { ...selection, [group.id]: next };
}

/** A checkbox that may not be ticked now: its group is at max and it is not one of the chosen. */
export function atMax(selection: Selection, group: OptionGroup, option: string): boolean {
  const current = selection[group.id] ?? [];
  return groupKind(group) === 'checkbox' && !current.includes(option) && current.length >= group.max;
}

export function choicesOf(selection: Selection): OptionChoice[] {
  return Object.entries(selection).flatMap(([group, options]) =>
    options.map((option) => ({ group, option })),
  );
}

/** The line's unit price and named options, or why the choice is not valid yet (e.g. a required group). */
export function priceSelection(
  item: Pick<MenuItem, 'priceCents' | 'optionGroups'>,
  groups: readonly OptionGroup[],
  selection: Selection,
): PricedLineOptions {
  return priceLineOptions(item, groups, choicesOf(selection));
}
