// Loads the menu from GET /api/menu (the SW serves it stale-while-revalidate, so it works offline).
import type { MenuItem, MenuResponse } from '../protocol/api.ts';

function isMenuItem(value: unknown): value is MenuItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.id === 'string' &&
    typeof item.name === 'string' &&
    typeof item.priceCents === 'number' &&
    typeof item.category === 'string'
  );
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
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(record.items) || !record.items.every(isMenuItem)) {
    throw new Error('the menu answer was not a menu (a captive portal?)');
  }
  if (typeof record.currency !== 'string') throw new Error('the menu answer names no currency');
  return { items: record.items, currency: record.currency };
}

/** Categories in first-seen order, each with its items in menu order. */
export function groupByCategory(items: readonly MenuItem[]): [string, MenuItem[]][] {
  const groups = new Map<string, MenuItem[]>();
  for (const item of items) {
    const group = groups.get(item.category);
    if (group) group.push(item);
    else groups.set(item.category, [item]);
  }
  return [...groups];
}
