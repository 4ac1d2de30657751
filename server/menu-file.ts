// Reads and validates ORDERLINE_MENU_FILE, the menu a new database is seeded with. A broken file
// stops start-up with a message naming the bad entry (`items[3].priceCents: …`) before anything is written.

import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { MenuFileSchema, type MenuFile } from '../protocol/menu.ts';

export class MenuFileError extends Error {}

/** `items.3.priceCents` → `items[3].priceCents`. */
function entryPath(issue: v.BaseIssue<unknown>): string {
  const keys = issue.path?.map((item) => item.key) ?? [];
  return keys
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Validates a parsed menu file: shape (valibot), unique ids, and items naming listed categories. */
export function parseMenuFile(json: unknown, source: string): MenuFile {
  const parsed = v.safeParse(MenuFileSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = entryPath(issue);
    throw new MenuFileError(`${source}: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  const menu = parsed.output;
  const categories = new Set<string>();
  for (const [index, category] of menu.categories.entries()) {
    if (categories.has(category.id)) {
      throw new MenuFileError(`${source}: categories[${index}].id: "${category.id}" is listed twice`);
    }
    categories.add(category.id);
  }
  const items = new Set<string>();
  for (const [index, item] of menu.items.entries()) {
    if (items.has(item.id))
      throw new MenuFileError(`${source}: items[${index}].id: "${item.id}" is listed twice`);
    items.add(item.id);
    if (!categories.has(item.category)) {
      throw new MenuFileError(
        `${source}: items[${index}].category: "${item.category}" is not a listed category`,
      );
    }
  }
  return menu;
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
