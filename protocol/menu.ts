// The owner's versioned menu (DESIGN.md Part 2, principle 15): the wire types of GET/PUT/DELETE
// /api/menu*, the edit bodies and the seed file, as valibot schemas. Shared by server, SW and page.

import * as v from 'valibot';
import { MENU_ITEM_ID_PATTERN, textSchema } from './schemas.ts';

export const MENU_NAME_MAX = 80;
/** A price above €100,000 is a typo, not a café item. */
export const MENU_PRICE_MAX_CENTS = 10_000_000;
export const MENU_POSITION_MAX = 10_000;
/** How many items and categories a seed file may hold (the same slug rules as edits). */
export const MENU_FILE_MAX_ENTRIES = 1000;

/** Item and category ids: lower-case slugs such as `flat-white`. */
export const MenuSlugSchema = v.pipe(
  v.string('must be a string'),
  v.regex(MENU_ITEM_ID_PATTERN, 'must be a slug: a-z, 0-9 and "-", at most 64 characters'),
);

const NameSchema = v.pipe(
  textSchema(MENU_NAME_MAX),
  v.check((s) => s.trim().length > 0, 'must not be empty'),
);

const PriceSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number of cents'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(MENU_PRICE_MAX_CENTS, `must be at most ${MENU_PRICE_MAX_CENTS}`),
);

const PositionSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(MENU_POSITION_MAX, `must be at most ${MENU_POSITION_MAX}`),
);

/** PUT /api/menu/items/:id */
export const MenuItemBodySchema = v.strictObject({
  name: NameSchema,
  priceCents: PriceSchema,
  category: MenuSlugSchema,
  available: v.boolean('must be true or false'),
});
export type MenuItemBody = v.InferOutput<typeof MenuItemBodySchema>;

/** PUT /api/menu/categories/:id */
export const MenuCategoryBodySchema = v.strictObject({
  name: NameSchema,
  position: PositionSchema,
});
export type MenuCategoryBody = v.InferOutput<typeof MenuCategoryBodySchema>;

/** GET /api/menu?version=N */
export const MenuQuerySchema = v.strictObject({
  version: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9]{1,9}$/, 'must be a whole number'), v.transform(Number)),
  ),
});

/** `If-Match: <version>` (quotes allowed, as for an ETag). */
export const IF_MATCH_PATTERN = /^"?([0-9]{1,9})"?$/;

/** ORDERLINE_MENU_FILE: the menu a new database starts with. Categories are listed in order. */
export const MenuFileSchema = v.strictObject({
  currency: v.optional(
    v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')),
  ),
  categories: v.pipe(
    v.array(v.strictObject({ id: MenuSlugSchema, name: NameSchema }), 'must be a list of categories'),
    v.minLength(1, 'must have at least one category'),
    v.maxLength(MENU_FILE_MAX_ENTRIES, `must have at most ${MENU_FILE_MAX_ENTRIES} categories`),
  ),
  items: v.pipe(
    v.array(
      v.strictObject({
        id: MenuSlugSchema,
        name: NameSchema,
        priceCents: PriceSchema,
        category: MenuSlugSchema,
        available: v.optional(v.boolean('must be true or false'), true),
      }),
      'must be a list of items',
    ),
    v.maxLength(MENU_FILE_MAX_ENTRIES, `must have at most ${MENU_FILE_MAX_ENTRIES} items`),
  ),
});
export type MenuFile = v.InferOutput<typeof MenuFileSchema>;

export interface MenuCategory {
  id: string;
  name: string;
}

export interface MenuItem {
  /** A slug such as `flat-white`. */
  id: string;
  name: string;
  priceCents: number;
  /** The id of one of the menu's categories. */
  category: string;
  /** false = sold out: listed, but cannot be added to a cart. */
  available: boolean;
  /**
   * Part 3 (principle 18): the option groups this item offers, in order. Optional because a menu
   * cached before Part 3 lacks it; absent = none.
   */
  optionGroups?: string[];
  /** Part 3 (principle 19): the item's tax rate id; absent = the menu's first rate. */
  taxRate?: string;
}

/** One choice inside an option group (principle 18). A delta may be negative. */
export interface MenuOption {
  id: string;
  name: string;
  priceDeltaCents: number;
  /** false = sold out: shown, still accepted by the server (advice, like items). */
  available: boolean;
}

/** e.g. Size (min 1, max 1), Milk (min 0, max 1), Extras (min 0, max 3). */
export interface OptionGroup {
  id: string;
  name: string;
  min: number;
  max: number;
  options: MenuOption[];
}

/** A tax rate in basis points: 1900 = 19 %. */
export interface TaxRate {
  id: string;
  name: string;
  rateBasisPoints: number;
}

export const DISCOUNT_KINDS = ['percent', 'amount'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** An owner preset (principle 20): `value` is basis points for percent, minor units for amount. */
export interface Discount {
  id: string;
  name: string;
  kind: DiscountKind;
  value: number;
}

export interface MenuResponse {
  version: number;
  /** ISO 4217 code the prices are in. */
  currency: string;
  /** In display order. */
  categories: MenuCategory[];
  /** Not archived at this version, in display order (by category, then name). */
  items: MenuItem[];
  /**
   * Part 3 (principles 18-20). Optional because a menu cached before Part 3 lacks them; read them
   * through `menuPricing()` (protocol/pricing.ts), which fills the defaults.
   */
  pricesIncludeTax?: boolean;
  taxRates?: TaxRate[];
  optionGroups?: OptionGroup[];
  /** The active ones only. */
  discounts?: Discount[];
}

/** `data` of an SSE `menu` event. */
export interface MenuEventData {
  version: number;
}
