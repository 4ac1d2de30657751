// valibot schemas for everything that crosses the HTTP boundary. The server validates with these;
// the client builds its requests from the same types, so nothing is defined twice.

import * as v from 'valibot';
import { ORDER_STATUSES } from './order.ts';
import { cleanTextSchema } from './text-hygiene.ts';

/** RFC 9562 UUID of any version 1–8 (clients make v7), normalised to lower case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const ORDER_NUMBER_PATTERN = /^[A-Z]{1,3}-[0-9]{3,}$/;
export const MENU_ITEM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Date.parse rolls 2026-02-30 over to March; a timestamp's calendar date must exist as written. */
export function isCalendarDate(timestamp: string): boolean {
  const [year, month, day] = timestamp.slice(0, 10).split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const UuidSchema = v.pipe(
  v.string('must be a string'),
  v.regex(UUID_PATTERN, 'must be an RFC 9562 UUID'),
  v.toLowerCase(),
);

/** Free text typed by staff: clean (protocol/text-hygiene.ts) and limited in Unicode code points. */
export function textSchema(maxChars: number) {
  return cleanTextSchema(maxChars);
}

export const CUSTOMER_NAME_MAX = 80;
export const ORDER_NOTE_MAX = 500;
export const ITEM_NOTE_MAX = 200;
export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QTY = 99;
/** A ticket number such as B-017: a short prefix and a counter, never a 50,000-digit string. */
export const ORDER_NUMBER_MAX = 16;
/** createdAt is a device clock: older than this is a bug or an attack, not an order. */
export const CREATED_AT_MIN = Date.UTC(2000, 0, 1);
/** A device clock may run ahead of the server's by up to a day. */
export const CREATED_AT_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

/** At most this many options on one order line (the largest group holds 30). */
export const MAX_LINE_OPTIONS = 30;

/** A menu slug (item, option group, option, discount): 1-64 of a-z, 0-9 and "-". */
const MenuIdSchema = v.pipe(v.string('must be a string'), v.regex(MENU_ITEM_ID_PATTERN, 'must be a menu id'));

export const OrderLineInputSchema = v.strictObject({
  menuItemId: v.pipe(v.string('must be a string'), v.regex(MENU_ITEM_ID_PATTERN, 'must be a menu item id')),
  qty: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(MAX_LINE_QTY, `must be at most ${MAX_LINE_QTY}`),
  ),
  note: v.optional(textSchema(ITEM_NOTE_MAX)),
  /** Part 3 (principle 18): the line's choices, checked and priced by the server at the order's version. */
  options: v.optional(
    v.pipe(
      v.array(
        v.strictObject({ group: MenuIdSchema, option: MenuIdSchema }),
        'must be a list of { group, option }',
      ),
      v.maxLength(MAX_LINE_OPTIONS, `must have at most ${MAX_LINE_OPTIONS} options`),
    ),
  ),
});

/**
 * A device's clock reading (createdAt of orders, payments, drawer intents): a real ISO date, not before
 * 2000, at most a day ahead of `now`, stored in one canonical form (UTC, milliseconds).
 */
export function deviceTimestampSchema(now: () => number = Date.now) {
  return v.pipe(
    v.string('must be a string'),
    v.isoTimestamp('must be an ISO 8601 timestamp'),
    v.check(isCalendarDate, 'must be a real date'),
    v.check((s) => Date.parse(s) >= CREATED_AT_MIN, 'must not be before 2000-01-01'),
    v.check((s) => Date.parse(s) <= now() + CREATED_AT_MAX_AHEAD_MS, 'must not be more than a day ahead'),
    v.transform((s) => new Date(s).toISOString()),
  );
}

/** The create body, judging createdAt against `now` (the server injects its clock; tests a fixed one). */
export function createOrderBodySchema(now: () => number = Date.now) {
  return v.strictObject({
    id: UuidSchema,
    number: v.pipe(
      v.string('must be a string'),
      v.maxLength(ORDER_NUMBER_MAX, `must be at most ${ORDER_NUMBER_MAX} characters`),
      v.regex(ORDER_NUMBER_PATTERN, 'must look like B-017'),
    ),
    deviceId: UuidSchema,
    createdAt: deviceTimestampSchema(now),
    customerName: v.optional(textSchema(CUSTOMER_NAME_MAX)),
    note: v.optional(textSchema(ORDER_NOTE_MAX)),
    items: v.pipe(
      v.array(OrderLineInputSchema, 'must be a list of order lines'),
      v.minLength(1, 'must have at least one line'),
      v.maxLength(MAX_ORDER_LINES, `must have at most ${MAX_ORDER_LINES} lines`),
    ),
    /** The menu version the device showed (Part 2, principle 15); absent = the current one. */
    menuVersion: v.optional(
      v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        v.minValue(1, 'must be at least 1'),
        v.maxValue(2_147_483_647, 'must be a published menu version'),
      ),
    ),
    /** Part 3 (principle 20): a discount preset of the order's menu version. */
    discount: v.optional(MenuIdSchema),
  });
}

export const CreateOrderBodySchema = createOrderBodySchema();
export type CreateOrderBody = v.InferInput<typeof CreateOrderBodySchema>;
export type CreateOrderInput = v.InferOutput<typeof CreateOrderBodySchema>;

export const PatchOrderBodySchema = v.pipe(
  v.strictObject({
    status: v.optional(v.picklist(ORDER_STATUSES, `must be one of ${ORDER_STATUSES.join(', ')}`)),
    paid: v.optional(v.literal(true, 'can only be set to true')),
    /** Part 3: set or remove the order's discount while it is active. */
    discount: v.optional(v.nullable(MenuIdSchema)),
  }),
  v.check(
    (b) => b.status !== undefined || b.paid !== undefined || b.discount !== undefined,
    'must set status, paid or discount',
  ),
);
export type PatchOrderBody = v.InferOutput<typeof PatchOrderBodySchema>;

const nonNegativeIntString = v.pipe(
  v.string(),
  v.regex(/^[0-9]{1,15}$/, 'must be a whole number'),
  v.transform(Number),
);

const pageLimit = v.optional(
  v.pipe(nonNegativeIntString, v.minValue(1, 'must be at least 1'), v.maxValue(1000, 'must be at most 1000')),
  '500',
);

export const ChangesQuerySchema = v.strictObject({
  since: v.optional(nonNegativeIntString, '0'),
  limit: pageLimit,
  /** Continues a reset: the previous reset page's `snapshotAfter` (with `since` = that reset's cursor). */
  snapshotAfter: v.optional(nonNegativeIntString),
});

export const ActiveOrdersQuerySchema = v.strictObject({
  status: v.literal('active', 'only status=active is supported'),
  limit: pageLimit,
  /** The previous page's `nextCursor` (an opaque token). */
  cursor: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a page token'))),
});

/**
 * The envelope of POST /api/batch. Only the shape is checked here: each mutation's key and body are judged
 * later exactly as the lone request's header and body would be, so one bad mutation fails alone.
 */
export const BatchBodySchema = v.strictObject({
  mutations: v.pipe(
    v.array(
      v.variant(
        'op',
        [
          v.strictObject({ op: v.literal('create'), key: v.unknown(), body: v.unknown() }),
          v.strictObject({
            op: v.literal('patch'),
            key: v.unknown(),
            orderId: v.unknown(),
            body: v.unknown(),
          }),
          // Part 3 (principles 21-22): money and drawer intents ride the same batch, in outbox order.
          v.strictObject({
            op: v.literal('payment'),
            key: v.unknown(),
            orderId: v.unknown(),
            body: v.unknown(),
          }),
          v.strictObject({
            op: v.literal('refund'),
            key: v.unknown(),
            orderId: v.unknown(),
            body: v.unknown(),
          }),
          v.strictObject({ op: v.literal('drawer-open'), key: v.unknown(), body: v.unknown() }),
          v.strictObject({ op: v.literal('drawer-move'), key: v.unknown(), body: v.unknown() }),
          v.strictObject({ op: v.literal('drawer-close'), key: v.unknown(), body: v.unknown() }),
        ],
        'op must be one of create, patch, payment, refund, drawer-open, drawer-move, drawer-close',
      ),
      'must be a list of mutations',
    ),
    v.minLength(1, 'must hold at least one mutation'),
    v.maxLength(100, 'must hold at most 100 mutations'),
  ),
});

export const EventsQuerySchema = v.strictObject({
  since: v.optional(nonNegativeIntString),
});

export const DeviceBodySchema = v.strictObject({ deviceId: UuidSchema });

/** Turns valibot issues into one human sentence, e.g. "items.0.qty: must be at least 1". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
