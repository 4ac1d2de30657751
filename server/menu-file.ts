// Reads and validates ORDERLINE_MENU_FILE, the menu a new database is seeded with. A broken file
// stops start-up with a message naming the bad entry (`items[3].priceCents: …`) before anything is written.

import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { MenuFileSchema, type MenuFile } from '../protocol/menu.ts';
import { DEFAULT_TAX_RATES } from './store/menu-pricing-store.ts';

export class MenuFileError extends Error {}

/** `items.3.priceCents` → `items[3].priceCents`. */
function entryPath(issue: v.BaseIssue<unknown>): string {
  const keys = issue.path?.map((item) => item.key) ?? [];
  return keys
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

export type MenuFileCheck = { ok: true; menu: MenuFile } | { ok: false; path: string; message: string };

/** The first id listed twice in `entries`, as a problem naming it. */
function duplicate(list: string, entries: readonly { id: string }[]): MenuFileCheck | null {
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (seen.has(entry.id))
      return { ok: false, path: `${list}[${index}].id`, message: `"${entry.id}" is listed twice` };
    seen.add(entry.id);
  }
  return null;
}

/**
 * Validates a parsed menu file (ORDERLINE_MENU_FILE or POST /api/menu/import) whole: shape (valibot),
 * unique ids, items naming listed categories, option groups and tax rates. The problem names its entry.
 */
export function checkMenuFile(json: unknown): MenuFileCheck {
  const parsed = v.safeParse(MenuFileSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return { ok: false, path: entryPath(issue), message: issue.message };
  }
  const menu = parsed.output;
  const problem =
    duplicate('categories', menu.categories) ??
    duplicate('items', menu.items) ??
    duplicate('taxRates', menu.taxRates ?? []) ??
    duplicate('optionGroups', menu.optionGroups ?? []) ??
    duplicate('discounts', menu.discounts ?? []);
  if (problem) return problem;
  const categories = new Set(menu.categories.map((category) => category.id));
  const groups = new Set((menu.optionGroups ?? []).map((group) => group.id));
  // A file without rates gets the default two (menu-pricing-store.ts DEFAULT_TAX_RATES).
  const rates = new Set((menu.taxRates ?? DEFAULT_TAX_RATES).map((rate) => rate.id));
  for (const [index, item] of menu.items.entries()) {
    if (!categories.has(item.category))
      return {
        ok: false,
        path: `items[${index}].category`,
        message: `"${item.category}" is not a listed category`,
      };
    for (const [g, group] of (item.optionGroups ?? []).entries()) {
      if (!groups.has(group))
        return {
          ok: false,
          path: `items[${index}].optionGroups[${g}]`,
          message: `"${group}" is not a listed option group`,
        };
    }
    if (item.taxRate !== undefined && !rates.has(item.taxRate))
      return {
        ok: false,
        path: `items[${index}].taxRate`,
        message: `"${item.taxRate}" is not a listed tax rate`,
      };
  }
  return { ok: true, menu };
}

/** Validates a parsed menu file, throwing a MenuFileError that names `source` and the bad entry. */
export function parseMenuFile(json: unknown, source: string): MenuFile {
  const checked = checkMenuFile(json);
  if (!checked.ok)
    throw new MenuFileError(`${source}: ${checked.path ? `${checked.path}: ` : ''}${checked.message}`);
  return checked.menu;
}

export async function loadMenuFile(path: string): Promise<MenuFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MenuFileError(`ORDERLINE_MENU_FILE ${path} cannot be read: ${String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MenuFileError(`ORDERLINE_MENU_FILE ${path} is not JSON: ${String(error)}`);
  }
  return parseMenuFile(json, `ORDERLINE_MENU_FILE ${path}`);
}
