// The Menu screen's calls: each owner edit is sent with `If-Match: <version it was made on>` and answers
// the new menu, which the screen shows at once. Never queued: editing the menu needs the server.
import type { MenuCategory, MenuItemBody, MenuResponse } from '../../protocol/menu.ts';
import { apiRequest } from '../api-request.ts';
import { parseMenu } from '../menu.ts';
import { parseMoney } from '../money-input.ts';

const ifMatch = (menu: MenuResponse) => ({ 'if-match': `"${menu.version}"` });

export async function fetchMenu(): Promise<MenuResponse> {
  return parseMenu(await apiRequest<unknown>('GET', '/api/menu'));
}

export async function putItem(menu: MenuResponse, id: string, body: MenuItemBody): Promise<MenuResponse> {
  const path = `/api/menu/items/${encodeURIComponent(id)}`;
  return parseMenu(await apiRequest<unknown>('PUT', path, body, ifMatch(menu)));
}

export async function archiveItem(menu: MenuResponse, id: string): Promise<MenuResponse> {
  const path = `/api/menu/items/${encodeURIComponent(id)}`;
  return parseMenu(await apiRequest<unknown>('DELETE', path, undefined, ifMatch(menu)));
}

/**
 * Moves one category by `offset` places: every category is given its new index as position, in order,
 * each edit on the version the previous one published (unchanged positions cost nothing on the server).
 */
export async function moveCategory(menu: MenuResponse, id: string, offset: -1 | 1): Promise<MenuResponse> {
  const order: MenuCategory[] = [...menu.categories];
  const from = order.findIndex((category) => category.id === id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= order.length) return menu;
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  let current = menu;
  for (const [position, category] of order.entries()) {
    const path = `/api/menu/categories/${encodeURIComponent(category.id)}`;
    current = parseMenu(
      await apiRequest<unknown>('PUT', path, { name: category.name, position }, ifMatch(current)),
    );
  }
  return current;
}

/** `Cold brew!` → `cold-brew`: a new item's id, from its name (the server checks the slug rules). */
export function slugFor(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/**
 * A new item's id: its slug, with `-2`, `-3` … when an item on the menu already has it, so adding never
 * replaces an existing item (PUT is create-or-replace).
 */
export function newItemId(name: string, taken: ReadonlySet<string>): string {
  const base = slugFor(name).slice(0, 60) || 'item';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * "3.50" or "3,50" → 350 in the menu's currency's digits (JPY "350" → 350, KWD "1.250" → 1250); anything else
 * → NaN, which the server answers with its own message. The one reader of typed money (src/money-input.ts).
 */
export function centsFrom(text: string, currency: string | null = null): number {
  return parseMoney(text, currency) ?? Number.NaN;
}
