// Loads the menu from GET /api/menu (the SW serves its cached copy, so it works offline) and groups it
// for the counter. Sold-out items stay listed; the grid disables them.
import type { MenuCategory, MenuItem, MenuResponse } from '../protocol/menu.ts';

function isMenuItem(value: unknown): value is MenuItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.id === 'string' &&
    typeof item.name === 'string' &&
    typeof item.priceCents === 'number' &&
    typeof item.category === 'string' &&
    typeof item.available === 'boolean'
  );
}

function isCategory(value: unknown): value is MenuCategory {
  if (typeof value !== 'object' || value === null) return false;
  const category = value as Record<string, unknown>;
  return typeof category.id === 'string' && typeof category.name === 'string';
}

/** Narrows an answer to a menu, or says why it is not one. */
export function parseMenu(body: unknown): MenuResponse {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(record.items) || !record.items.every(isMenuItem)) {
    throw new Error('the menu answer was not a menu (a captive portal?)');
  }
  if (typeof record.currency !== 'string') throw new Error('the menu answer names no currency');
  if (typeof record.version !== 'number') throw new Error('the menu answer has no version');
  if (!Array.isArray(record.categories) || !record.categories.every(isCategory)) {
    throw new Error('the menu answer has no categories');
  }
  return {
    version: record.version,
    currency: record.currency,
    categories: record.categories,
    items: record.items,
    // Part 3 pricing data, kept when present (read through protocol/pricing.ts `menuPricing`).
    ...(typeof record.pricesIncludeTax === 'boolean' ? { pricesIncludeTax: record.pricesIncludeTax } : {}),
    ...(Array.isArray(record.taxRates) ? { taxRates: record.taxRates as MenuResponse['taxRates'] } : {}),
    ...(Array.isArray(record.optionGroups)
      ? { optionGroups: record.optionGroups as MenuResponse['optionGroups'] }
      : {}),
    ...(Array.isArray(record.discounts) ? { discounts: record.discounts as MenuResponse['discounts'] } : {}),
  };
}

export async function loadMenu(fetchImpl: typeof fetch = fetch): Promise<MenuResponse> {
  const response = await fetchImpl('/api/menu');
  if (!response.ok) throw new Error(`the menu could not be loaded (HTTP ${response.status})`);
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new Error(`the menu answer was not JSON (a captive portal?): ${String(error)}`);
  }
  return parseMenu(body);
}

/** Categories in menu order (named), each with its items in menu order; empty categories are left out. */
export function groupByCategory(menu: Pick<MenuResponse, 'categories' | 'items'>): [string, MenuItem[]][] {
  const groups = new Map<string, MenuItem[]>(menu.categories.map((category) => [category.id, []]));
  for (const item of menu.items) {
    const group = groups.get(item.category);
    if (group) group.push(item);
    else groups.set(item.category, [item]);
  }
  const names = new Map(menu.categories.map((category) => [category.id, category.name]));
  return [...groups]
    .filter(([, items]) => items.length > 0)
    .map(([id, items]) => [names.get(id) ?? id, items]);
}
