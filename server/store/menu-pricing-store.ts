// The pricing half of the versioned menu (DESIGN Part 3, principles 18-20; migration 007): reads the tax
// mode, tax rates, option groups and discounts valid at a version, and the owner's edits of them as
// steps the menu store runs inside its locked edit (one new version each). Never updates a row in place.

import type {
  DiscountBody,
  DiscountEntry,
  MenuFile,
  MenuSettingsBody,
  OptionGroup,
  OptionGroupBody,
  TaxRate,
  TaxRateBody,
} from '../../protocol/menu.ts';
import type { EditStep } from './menu-store.ts';
import {
  ITEM_COLUMNS,
  closeItem,
  closeRow,
  insertItem,
  nextPosition,
  validAt,
  type ItemRow,
} from './menu-rows.ts';
import type { SqlClient } from './sql-database.ts';

export interface MenuPricingData {
  pricesIncludeTax: boolean;
  /** In the order they were added: the first is the default rate. */
  taxRates: TaxRate[];
  optionGroups: OptionGroup[];
  /** Inactive ones too (GET /api/menu lists the active ones). */
  discounts: DiscountEntry[];
}

interface TaxRateRow {
  id: string;
  name: string;
  rate_basis_points: number;
  position: number;
}
interface GroupRow {
  id: string;
  name: string;
  min_choices: number;
  max_choices: number;
  options: OptionGroup['options'];
  position: number;
}
interface DiscountRow {
  id: string;
  name: string;
  kind: DiscountEntry['kind'];
  value: number;
  active: boolean;
  position: number;
}

const byPosition = (a: { position: number; id: string }, b: { position: number; id: string }) =>
  a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function readPricing(db: SqlClient, version: number): Promise<MenuPricingData> {
  const mode = await db.query<{ prices_include_tax: boolean }>(
    `SELECT prices_include_tax FROM menu_tax_mode
     WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)`,
    [version],
  );
  const rates = await db.query<TaxRateRow>(
    validAt('menu_tax_rates', 'id, name, rate_basis_points, position'),
    [version],
  );
  const groups = await db.query<GroupRow>(
    validAt('menu_option_groups', 'id, name, min_choices, max_choices, options, position'),
    [version],
  );
  const discounts = await db.query<DiscountRow>(
    validAt('menu_discounts', 'id, name, kind, value, active, position'),
    [version],
  );
  return {
    pricesIncludeTax: mode[0]?.prices_include_tax ?? true,
    taxRates: rates.sort(byPosition).map((row) => ({
      id: row.id,
      name: row.name,
      rateBasisPoints: Number(row.rate_basis_points),
    })),
    optionGroups: groups.sort(byPosition).map((row) => ({
      id: row.id,
      name: row.name,
      min: Number(row.min_choices),
      max: Number(row.max_choices),
      // jsonb does not keep key order: rebuild each option so responses always read the same way.
      options: row.options.map((option) => ({
        id: option.id,
        name: option.name,
        priceDeltaCents: option.priceDeltaCents,
        available: option.available,
      })),
    })),
    discounts: discounts.sort(byPosition).map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      value: Number(row.value),
      active: row.active,
    })),
  };
}

async function setTaxMode(tx: SqlClient, version: number, pricesIncludeTax: boolean): Promise<void> {
  await tx.query('UPDATE menu_tax_mode SET valid_to = $1 WHERE valid_to IS NULL', [version]);
  await tx.query('INSERT INTO menu_tax_mode (valid_from, prices_include_tax) VALUES ($1, $2)', [
    version,
    pricesIncludeTax,
  ]);
}

/** PATCH /api/menu */
export function taxModeStep(body: MenuSettingsBody): EditStep {
  return async (tx, next) => {
    const rows = await tx.query<{ prices_include_tax: boolean }>(
      'SELECT prices_include_tax FROM menu_tax_mode WHERE valid_to IS NULL',
    );
    if ((rows[0]?.prices_include_tax ?? true) === body.pricesIncludeTax) return 'unchanged';
    await setTaxMode(tx, next, body.pricesIncludeTax);
    return 'changed';
  };
}

async function insertTaxRate(
  tx: SqlClient,
  version: number,
  id: string,
  body: TaxRateBody,
  position: number,
) {
  await tx.query(
    'INSERT INTO menu_tax_rates (id, valid_from, name, rate_basis_points, position) VALUES ($1, $2, $3, $4, $5)',
    [id, version, body.name, body.rateBasisPoints, position],
  );
}

/** PUT /api/menu/tax-rates/:id (create or replace). */
export function taxRateStep(id: string, body: TaxRateBody): EditStep {
  return async (tx, next) => {
    const rows = await tx.query<TaxRateRow>(
      'SELECT id, name, rate_basis_points, position FROM menu_tax_rates WHERE id = $1 AND valid_to IS NULL',
      [id],
    );
    const old = rows[0];
    if (old && old.name === body.name && Number(old.rate_basis_points) === body.rateBasisPoints)
      return 'unchanged';
    const position = old ? Number(old.position) : await nextPosition(tx, 'menu_tax_rates');
    if (old) await closeRow(tx, 'menu_tax_rates', id, next);
    await insertTaxRate(tx, next, id, body, position);
    return 'changed';
  };
}

async function insertGroup(
  tx: SqlClient,
  version: number,
  id: string,
  body: OptionGroupBody,
  position: number,
) {
  await tx.query(
    `INSERT INTO menu_option_groups (id, valid_from, name, min_choices, max_choices, options, position)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [id, version, body.name, body.min, body.max, JSON.stringify(body.options), position],
  );
}

/** PUT /api/menu/option-groups/:id (create or replace). */
export function optionGroupStep(id: string, body: OptionGroupBody): EditStep {
  return async (tx, next) => {
    const rows = await tx.query<GroupRow>(
      'SELECT id, name, min_choices, max_choices, options, position FROM menu_option_groups WHERE id = $1 AND valid_to IS NULL',
      [id],
    );
    const old = rows[0];
    if (
      old &&
      old.name === body.name &&
      Number(old.min_choices) === body.min &&
      Number(old.max_choices) === body.max &&
      JSON.stringify(old.options.map((o) => [o.id, o.name, o.priceDeltaCents, o.available])) ===
        JSON.stringify(body.options.map((o) => [o.id, o.name, o.priceDeltaCents, o.available]))
    )
      return 'unchanged';
    const position = old ? Number(old.position) : await nextPosition(tx, 'menu_option_groups');
    if (old) await closeRow(tx, 'menu_option_groups', id, next);
    await insertGroup(tx, next, id, body, position);
    return 'changed';
  };
}

/** DELETE /api/menu/option-groups/:id: the group leaves the menu and every item that offered it. */
export function archiveOptionGroupStep(id: string): EditStep {
  return async (tx, next) => {
    const rows = await tx.query('SELECT 1 FROM menu_option_groups WHERE id = $1 AND valid_to IS NULL', [id]);
    if (rows.length === 0) return { kind: 'not_found' };
    await closeRow(tx, 'menu_option_groups', id, next);
    const items = await tx.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM menu_items WHERE valid_to IS NULL AND option_groups @> $1::jsonb`,
      [JSON.stringify([id])],
    );
    for (const item of items) {
      await closeItem(tx, item.id, next);
      await insertItem(tx, next, {
        ...item,
        option_groups: item.option_groups.filter((group) => group !== id),
      });
    }
    return 'changed';
  };
}

async function insertDiscount(
  tx: SqlClient,
  version: number,
  id: string,
  body: DiscountBody,
  position: number,
) {
  await tx.query(
    `INSERT INTO menu_discounts (id, valid_from, name, kind, value, active, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, version, body.name, body.kind, body.value, body.active, position],
  );
}

/** PUT /api/menu/discounts/:id (create or replace; `active: false` retires it). */
export function discountStep(id: string, body: DiscountBody): EditStep {
  return async (tx, next) => {
    const rows = await tx.query<DiscountRow>(
      'SELECT id, name, kind, value, active, position FROM menu_discounts WHERE id = $1 AND valid_to IS NULL',
      [id],
    );
    const old = rows[0];
    if (
      old &&
      old.name === body.name &&
      old.kind === body.kind &&
      Number(old.value) === body.value &&
      old.active === body.active
    )
      return 'unchanged';
    const position = old ? Number(old.position) : await nextPosition(tx, 'menu_discounts');
    if (old) await closeRow(tx, 'menu_discounts', id, next);
    await insertDiscount(tx, next, id, body, position);
    return 'changed';
  };
}

/** The rates a menu file without any gets: the sample's two, at 0 % until the owner sets them. */
export const DEFAULT_TAX_RATES: readonly TaxRate[] = [
  { id: 'standard', name: 'Standard', rateBasisPoints: 0 },
  { id: 'reduced', name: 'Reduced', rateBasisPoints: 0 },
];

/** Writes a whole menu file's pricing data as the rows of `version` (seed, import). Rows must be closed first. */
export async function insertPricing(tx: SqlClient, version: number, file: MenuFile): Promise<void> {
  await setTaxMode(tx, version, file.pricesIncludeTax ?? true);
  for (const [position, rate] of (file.taxRates ?? DEFAULT_TAX_RATES).entries())
    await insertTaxRate(tx, version, rate.id, rate, position);
  for (const [position, group] of (file.optionGroups ?? []).entries())
    await insertGroup(tx, version, group.id, group, position);
  for (const [position, discount] of (file.discounts ?? []).entries())
    await insertDiscount(tx, version, discount.id, discount, position);
}
