// GET /api/orders/history (DESIGN.md "HTTP API, part 2"): the query schema, the opaque keyset cursor and
// the answer's shape. Pure: no DOM, no Node (the page's History screen builds its requests from these).

import * as v from 'valibot';
import type { Order } from './order.ts';
import { isCalendarDate, textSchema } from './schemas.ts';

export const FINISHED_STATUSES = ['completed', 'cancelled'] as const;
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

export const HISTORY_DEFAULT_LIMIT = 50;
export const HISTORY_MAX_LIMIT = 200;

/** One status move or payment of an order, as order_events recorded it. */
export interface OrderEvent {
  status: Order['status'];
  paid: boolean;
  at: string;
  deviceId: string;
}

export interface HistoryOrder extends Order {
  /** Every status move and payment, oldest first (the create is the first: `pending`, unpaid). */
  events: OrderEvent[];
}

export interface HistoryResponse {
  orders: HistoryOrder[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Where a page ended: the last order's sort key (createdAt, id), newest first. */
export interface HistoryCursor {
  createdAt: string;
  id: string;
}

const isoTimestamp = v.pipe(
  v.string('must be a string'),
  v.isoTimestamp('must be an ISO 8601 timestamp'),
  v.check(isCalendarDate, 'must be a real date'),
  // Compared as text against the stored canonical form.
  v.transform((s) => new Date(s).toISOString()),
);

export const HistoryQuerySchema = v.strictObject({
  from: v.optional(isoTimestamp),
  to: v.optional(isoTimestamp),
  /** Found anywhere in the number, the customer's name, or an item's name or note; any case. */
  q: v.optional(v.pipe(textSchema(80), v.trim())),
  status: v.optional(v.picklist(FINISHED_STATUSES, `must be one of ${FINISHED_STATUSES.join(', ')}`)),
  limit: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.regex(/^[0-9]{1,4}$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(HISTORY_MAX_LIMIT, `must be at most ${HISTORY_MAX_LIMIT}`),
    ),
    String(HISTORY_DEFAULT_LIMIT),
  ),
  /** Opaque to clients; the server decodes it (server/history-cursor.ts). */
  cursor: v.optional(v.pipe(v.string('must be a string'), v.maxLength(200, 'is not a history cursor'))),
});
export type HistoryQuery = v.InferOutput<typeof HistoryQuerySchema>;
