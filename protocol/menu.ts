// The owner's versioned menu (DESIGN.md Part 2, principle 15): the wire types of GET/PUT/DELETE
// /api/menu*, the edit bodies and the seed file, as valibot schemas. Shared by server, SW and page.

import * as v from 'valibot';
import { isKnownCurrency } from './currency-digits.ts';
import { MENU_ITEM_ID_PATTERN, textSchema } from './schemas.ts';

export const MENU_NAME_MAX = 80;
export const DISCOUNT_KINDS = ['percent', 'amount'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];
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

/** At most this many option groups per item, options per group (DESIGN: 1..30), and options per order line. */
export const MENU_ITEM_GROUPS_MAX = 20;
export const OPTION_GROUP_OPTIONS_MAX = 30;
export const ORDER_LINE_OPTIONS_MAX = 30;

/** An item's groups: slugs, in order, each once. */
const ItemGroupsSchema = v.pipe(
  v.array(MenuSlugSchema, 'must be a list of option group ids'),
  v.maxLength(MENU_ITEM_GROUPS_MAX, `must have at most ${MENU_ITEM_GROUPS_MAX} groups`),
  v.check((ids) => new Set(ids).size === ids.length, 'must not list a group twice'),
);

/** PUT /api/menu/items/:id. `optionGroups`/`taxRate` absent = keep the item's (new item: none / the first rate). */
export const MenuItemBodySchema = v.strictObject({
  name: NameSchema,
  priceCents: PriceSchema,
  category: MenuSlugSchema,
  available: v.boolean('must be true or false'),
  optionGroups: v.optional(ItemGroupsSchema),
  taxRate: v.optional(MenuSlugSchema),
});
export type MenuItemBody = v.InferOutput<typeof MenuItemBodySchema>;

/** PUT /api/menu/categories/:id */
export const MenuCategoryBodySchema = v.strictObject({
  name: NameSchema,
  position: PositionSchema,
});
export type MenuCategoryBody = v.InferOutput<typeof MenuCategoryBodySchema>;

/** PATCH /api/menu */
export const MenuSettingsBodySchema = v.strictObject({
  pricesIncludeTax: v.boolean('must be true or false'),
});
export type MenuSettingsBody = v.InferOutput<typeof MenuSettingsBodySchema>;

/** PUT /api/menu/tax-rates/:id: 1900 = 19 %. */
export const TaxRateBodySchema = v.strictObject({
  name: NameSchema,
  rateBasisPoints: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number of basis points'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(10_000, 'must be at most 10000 (100 %)'),
  ),
});
export type TaxRateBody = v.InferOutput<typeof TaxRateBodySchema>;

export const MenuOptionSchema = v.strictObject({
  id: MenuSlugSchema,
  name: NameSchema,
  priceDeltaCents: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number of cents'),
    v.minValue(-MENU_PRICE_MAX_CENTS, `must be at least -${MENU_PRICE_MAX_CENTS}`),
    v.maxValue(MENU_PRICE_MAX_CENTS, `must be at most ${MENU_PRICE_MAX_CENTS}`),
  ),
  available: v.boolean('must be true or false'),
});

const ChoiceCountSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(OPTION_GROUP_OPTIONS_MAX, `must be at most ${OPTION_GROUP_OPTIONS_MAX}`),
);

const optionGroupEntries = {
  name: NameSchema,
  min: ChoiceCountSchema,
  max: v.pipe(ChoiceCountSchema, v.minValue(1, 'must be at least 1')),
  options: v.pipe(
    v.array(MenuOptionSchema, 'must be a list of options'),
    v.minLength(1, 'must have at least one option'),
    v.maxLength(OPTION_GROUP_OPTIONS_MAX, `must have at most ${OPTION_GROUP_OPTIONS_MAX} options`),
    v.check(
      (options) => new Set(options.map((o) => o.id)).size === options.length,
      'must not list an option id twice',
    ),
  ),
};

/** 0 ≤ min ≤ max ≤ number of options (principle 18). */
function choicesFit<T extends { min: number; max: number; options: readonly unknown[] }>(group: T): boolean {
  return group.min <= group.max && group.max <= group.options.length;
}
const CHOICES_MESSAGE = 'needs 0 ≤ min ≤ max ≤ the number of options';

/** PUT /api/menu/option-groups/:id */
export const OptionGroupBodySchema = v.pipe(
  v.strictObject(optionGroupEntries),
  v.check(choicesFit, CHOICES_MESSAGE),
);
export type OptionGroupBody = v.InferOutput<typeof OptionGroupBodySchema>;

const discountEntries = {
  name: NameSchema,
  kind: v.picklist(DISCOUNT_KINDS, 'must be "percent" or "amount"'),
  value: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(MENU_PRICE_MAX_CENTS, `must be at most ${MENU_PRICE_MAX_CENTS}`),
  ),
};

/** percent values are basis points: at most 10000 (100 %). */
function discountFits<T extends { kind: string; value: number }>(discount: T): boolean {
  return discount.kind !== 'percent' || discount.value <= 10_000;
}
const DISCOUNT_MESSAGE = 'a percent discount is at most 10000 basis points (100 %)';

/** PUT /api/menu/discounts/:id */
export const DiscountBodySchema = v.pipe(
  v.strictObject({ ...discountEntries, active: v.boolean('must be true or false') }),
  v.check(discountFits, DISCOUNT_MESSAGE),
);
export type DiscountBody = v.InferOutput<typeof DiscountBodySchema>;

/** GET /api/menu?version=N */
export const MenuQuerySchema = v.strictObject({
  version: v.optional(
    v.pipe(v.string(), v.regex(/^[0-9]{1,9}$/, 'must be a whole number'), v.transform(Number)),
  ),
});

/** GET /api/menu/export */
export const MenuExportQuerySchema = v.strictObject({
  format: v.optional(v.picklist(['json', 'csv'], 'must be json or csv')),
});

/** `If-Match: <version>` (quotes allowed, as for an ETag). */
export const IF_MATCH_PATTERN = /^"?([0-9]{1,9})"?$/;

/** ORDERLINE_MENU_FILE: the menu a new database starts with. Categories are listed in order. */
export const MenuFileSchema = v.strictObject({
  currency: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
      // Any three letters would pass the pattern and then print with two decimals: JPY needs 0, KWD 3.
      v.check(isKnownCurrency, 'must be a currency this server knows (ISO 4217, e.g. EUR, JPY, KWD)'),
    ),
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
        optionGroups: v.optional(ItemGroupsSchema),
        taxRate: v.optional(MenuSlugSchema),
      }),
      'must be a list of items',
    ),
    v.maxLength(MENU_FILE_MAX_ENTRIES, `must have at most ${MENU_FILE_MAX_ENTRIES} items`),
  ),
  // Part 3: all optional, so a Part 2 menu file still loads (rates then default to the sample's two at 0 %).
  pricesIncludeTax: v.optional(v.boolean('must be true or false')),
  taxRates: v.optional(
    v.pipe(
      v.array(
        v.strictObject({ id: MenuSlugSchema, ...TaxRateBodySchema.entries }),
        'must be a list of tax rates',
      ),
      v.maxLength(MENU_FILE_MAX_ENTRIES, `must have at most ${MENU_FILE_MAX_ENTRIES} tax rates`),
    ),
  ),
  optionGroups: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.strictObject({ id: MenuSlugSchema, ...optionGroupEntries }),
          v.check(choicesFit, CHOICES_MESSAGE),
        ),
        'must be a list of option groups',
      ),
      v.maxLength(MENU_FILE_MAX_ENTRIES, `must have at most ${MENU_FILE_MAX_ENTRIES} option groups`),
    ),
  ),
  discounts: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.strictObject({
            id: MenuSlugSchema,
            ...discountEntries,
            active: v.optional(v.boolean('must be true or false'), true),
          }),
          v.check(discountFits, DISCOUNT_MESSAGE),
        ),
        'must be a list of discounts',
      ),
      v.maxLength(MENU_FILE_MAX_ENTRIES, `must have at most ${MENU_FILE_MAX_ENTRIES} discounts`),
    ),
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

/** An owner preset (principle 20): `value` is basis points for percent, minor units for amount. */
export interface Discount {
  id: string;
  name: string;
  kind: DiscountKind;
  value: number;
}

/** A discount as the menu's data keeps it (export/import, the owner's editor): inactive ones too. */
export interface DiscountEntry extends Discount {
  active: boolean;
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
