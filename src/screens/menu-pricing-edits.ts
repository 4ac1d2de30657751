// The Menu screen's Part 3 calls (DESIGN "HTTP API, part 3"): tax rates, option groups, discounts,
// `Prices include tax`, categories, export and import. Each is sent on the version it was made on
// (`If-Match`) and answers the new menu. Never queued: editing the menu needs the server.
import type { MenuResponse, MenuItem, MenuItemBody, DiscountKind } from '../../protocol/menu.ts';
import { apiRequest } from '../api-request.ts';
import { parseMenu } from '../menu.ts';
import { parseMoney } from '../money-input.ts';

const ifMatch = (menu: MenuResponse) => ({ 'if-match': `"${menu.version}"` });
const at = (kind: string, id: string) => `/api/menu/${kind}/${encodeURIComponent(id)}`;

async function send(
  menu: MenuResponse,
  method: 'PUT' | 'PATCH' | 'DELETE' | 'POST',
  path: string,
  body?: unknown,
): Promise<MenuResponse> {
  return parseMenu(await apiRequest<unknown>(method, path, body, ifMatch(menu)));
}

export interface OptionGroupBody {
  name: string;
  min: number;
  max: number;
  options: { id: string; name: string; priceDeltaCents: number; available: boolean }[];
}

export interface DiscountBody {
  name: string;
  kind: DiscountKind;
  value: number;
  active: boolean;
}

export const setPricesIncludeTax = (menu: MenuResponse, pricesIncludeTax: boolean) =>
  send(menu, 'PATCH', '/api/menu', { pricesIncludeTax });

export const putTaxRate = (menu: MenuResponse, id: string, body: { name: string; rateBasisPoints: number }) =>
  send(menu, 'PUT', at('tax-rates', id), body);

export const putOptionGroup = (menu: MenuResponse, id: string, body: OptionGroupBody) =>
  send(menu, 'PUT', at('option-groups', id), body);

export const archiveOptionGroup = (menu: MenuResponse, id: string) =>
  send(menu, 'DELETE', at('option-groups', id));

export const putDiscount = (menu: MenuResponse, id: string, body: DiscountBody) =>
  send(menu, 'PUT', at('discounts', id), body);

/** A new category goes last. */
export const addCategory = (menu: MenuResponse, id: string, name: string) =>
  send(menu, 'PUT', at('categories', id), { name, position: menu.categories.length });

/** One new version from a whole menu file; a 422 names the bad entry (shown as the server says it). */
export const importMenu = (menu: MenuResponse, file: unknown) => send(menu, 'POST', '/api/menu/import', file);

export const exportHref = (format: 'json' | 'csv') =>
  format === 'json' ? '/api/menu/export' : '/api/menu/export?format=csv';

/**
 * An item's whole body as the server has it: with a Part 3 server (its menu lists tax rates) the options
 * and tax rate go too, so changing the price never drops them; a Part 2 server refuses unknown fields.
 */
export type ItemChange = Partial<MenuItemBody & { optionGroups: string[]; taxRate: string }>;

export function itemBody(
  menu: Pick<MenuResponse, 'taxRates'>,
  item: MenuItem,
  change: ItemChange,
): MenuItemBody {
  const base = {
    name: item.name,
    priceCents: item.priceCents,
    category: item.category,
    available: item.available,
  };
  if (menu.taxRates === undefined) {
    const { optionGroups: _groups, taxRate: _rate, ...plain } = change;
    return { ...base, ...plain };
  }
  const part3 = {
    optionGroups: item.optionGroups ?? [],
    ...(item.taxRate === undefined ? {} : { taxRate: item.taxRate }),
  };
  return { ...base, ...part3, ...change } as MenuItemBody;
}

/** "19" or "7,5" (per cent) → basis points; anything else → NaN (the server says what is wrong). */
export function basisPointsFrom(text: string): number {
  const trimmed = text.trim().replace(',', '.').replace(/\s*%$/, '');
  return /^[0-9]+(\.[0-9]{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : Number.NaN;
}

/** "-0.30", "0,40" → signed minor units of the menu's currency for an option's delta; anything else → NaN. */
export function deltaCentsFrom(text: string, currency: string | null = null): number {
  const trimmed = text.trim().replace('−', '-');
  const negative = trimmed.startsWith('-');
  const minor = parseMoney(negative ? trimmed.slice(1) : trimmed, currency);
  return minor === null ? Number.NaN : negative ? -minor : minor;
}
