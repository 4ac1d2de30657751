// The whole menu as one document (POST /api/menu/import, GET /api/menu/export): the import replaces
// every open row in ONE new version inside the menu store's locked edit, so nothing is half-applied.

import type { MenuFile } from '../../protocol/menu.ts';
import type { EditStep, MenuSnapshot } from './menu-store.ts';
import { ITEM_COLUMNS, insertItem, type ItemRow } from './menu-rows.ts';
import { insertPricing } from './menu-pricing-store.ts';

const VERSIONED_TABLES = [
  'menu_categories',
  'menu_tax_rates',
  'menu_option_groups',
  'menu_discounts',
] as const;

/** The current menu in the import's shape: importing an export publishes a menu equal to it. */
export function menuExport(snapshot: MenuSnapshot): MenuFile {
  return {
    currency: snapshot.currency,
    categories: snapshot.categories.map(({ id, name }) => ({ id, name })),
    items: snapshot.items
      .filter((item) => !item.archived)
      .map(({ id, name, priceCents, category, available, optionGroups, taxRate }) => ({
        id,
        name,
        priceCents,
        category,
        available,
        optionGroups,
        ...(taxRate === '' ? {} : { taxRate }),
      })),
    pricesIncludeTax: snapshot.pricesIncludeTax,
    taxRates: snapshot.taxRates,
    optionGroups: snapshot.optionGroups,
    discounts: snapshot.discounts,
  };
}

/**
 * Publishes `file` (already checked whole by checkMenuFile) as the next version: every open row closed,
 * the file's rows opened; an item the file leaves out is archived (so the id stays known to old versions).
 */
export function importStep(file: MenuFile, currentCurrency: string): EditStep {
  return async (tx, next) => {
    if (file.currency !== undefined && file.currency !== currentCurrency) {
      return {
        kind: 'invalid_menu',
        path: 'currency',
        message: `the menu is in ${currentCurrency}; an import cannot change the currency`,
      };
    }
    const open = await tx.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM menu_items WHERE valid_to IS NULL`);
    for (const table of VERSIONED_TABLES)
      await tx.query(`UPDATE ${table} SET valid_to = $1 WHERE valid_to IS NULL`, [next]);
    await tx.query('UPDATE menu_items SET valid_to = $1 WHERE valid_to IS NULL', [next]);
    for (const [position, category] of file.categories.entries()) {
      await tx.query('INSERT INTO menu_categories (id, valid_from, name, position) VALUES ($1, $2, $3, $4)', [
        category.id,
        next,
        category.name,
        position,
      ]);
    }
    const listed = new Set(file.items.map((item) => item.id));
    for (const [position, item] of file.items.entries()) {
      await insertItem(tx, next, {
        id: item.id,
        name: item.name,
        price_cents: item.priceCents,
        category: item.category,
        available: item.available,
        archived: false,
        position,
        option_groups: item.optionGroups ?? [],
        tax_rate: item.taxRate ?? null,
      });
    }
    for (const row of open) {
      if (!listed.has(row.id) && !row.archived) await insertItem(tx, next, { ...row, archived: true });
    }
    await insertPricing(tx, next, file);
    return 'changed';
  };
}

/** `?format=csv`: one row per item (category, price, tax rate, option groups), for a spreadsheet. */
export function menuCsv(snapshot: MenuSnapshot, cell: (value: string | number | boolean) => string): string {
  const categories = new Map(snapshot.categories.map((category) => [category.id, category.name]));
  const rates = new Map(snapshot.taxRates.map((rate) => [rate.id, rate]));
  const groups = new Map(snapshot.optionGroups.map((group) => [group.id, group.name]));
  const rows = [
    ['id', 'name', 'category', 'priceCents', 'available', 'taxRate', 'rateBasisPoints', 'optionGroups'],
  ];
  for (const item of snapshot.items) {
    if (item.archived) continue;
    rows.push([
      item.id,
      item.name,
      categories.get(item.category) ?? item.category,
      String(item.priceCents),
      String(item.available),
      rates.get(item.taxRate)?.name ?? item.taxRate,
      String(rates.get(item.taxRate)?.rateBasisPoints ?? ''),
      item.optionGroups.map((id) => groups.get(id) ?? id).join('; '),
    ]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
