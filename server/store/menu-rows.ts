// Row-level helpers of the versioned menu tables (003-menu.sql, 007-pricing.sql) shared by the menu
// store, its pricing edits and the whole-menu import. Rows are closed and opened, never updated in place.

import type { SqlClient } from './sql-database.ts';

export interface ItemRow {
  id: string;
  name: string;
  price_cents: number;
  category: string;
  available: boolean;
  archived: boolean;
  position: number;
  /** jsonb: the item's option group ids, in order. */
  option_groups: string[];
  /** null = the menu's first rate. */
  tax_rate: string | null;
}

export const ITEM_COLUMNS =
  'id, name, price_cents, category, available, archived, position, option_groups, tax_rate';

/**
 * The rows of `table` valid at version $1: still open, or closed after it. Two index range scans
 * (open rows; rows closed after $1), so reading a recent version costs O(menu + edits since), not
 * O(all history) — orders name recent versions.
 */
export function validAt(table: string, columns: string): string {
  return `SELECT ${columns} FROM ${table} WHERE valid_to IS NULL AND valid_from <= $1
    UNION ALL SELECT ${columns} FROM ${table} WHERE valid_to > $1 AND valid_from <= $1`;
}

/** The open (current) row of an item, or null. */
export async function openItem(tx: SqlClient, id: string): Promise<ItemRow | null> {
  const rows = await tx.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM menu_items WHERE id = $1 AND valid_to IS NULL`,
    [id],
  );
  return rows[0] ?? null;
}

export async function insertItem(tx: SqlClient, version: number, row: ItemRow): Promise<void> {
  await tx.query(
    `INSERT INTO menu_items (id, valid_from, name, price_cents, category, available, archived, position,
                             option_groups, tax_rate)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
    [
      row.id,
      version,
      row.name,
      row.price_cents,
      row.category,
      row.available,
      row.archived,
      row.position,
      JSON.stringify(row.option_groups),
      row.tax_rate,
    ],
  );
}

export async function closeItem(tx: SqlClient, id: string, version: number): Promise<void> {
  await tx.query('UPDATE menu_items SET valid_to = $2 WHERE id = $1 AND valid_to IS NULL', [id, version]);
}

/** Closes the open row of `id` in a versioned table (the id's row is then absent from `version` on). */
export async function closeRow(tx: SqlClient, table: string, id: string, version: number): Promise<void> {
  await tx.query(`UPDATE ${table} SET valid_to = $2 WHERE id = $1 AND valid_to IS NULL`, [id, version]);
}

/** Whether `id` has an open row in a versioned table. */
export async function isOpen(tx: SqlClient, table: string, id: string): Promise<boolean> {
  const rows = await tx.query(`SELECT 1 FROM ${table} WHERE id = $1 AND valid_to IS NULL`, [id]);
  return rows.length > 0;
}

/** The next display position in a versioned table: after every open row. */
export async function nextPosition(tx: SqlClient, table: string): Promise<number> {
  const rows = await tx.query<{ max: number | null }>(
    `SELECT max(position) AS max FROM ${table} WHERE valid_to IS NULL`,
  );
  return Number(rows[0]?.max ?? -1) + 1;
}
