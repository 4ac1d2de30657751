// Finished orders for GET /api/orders/history: keyset pages (created_at DESC, id DESC) over the partial
// indexes of migrations 004 and 012, each order with its order_events. Reads only; never writes.

import {
  type HistoryCursor,
  type HistoryOrder,
  type HistoryQuery,
  type HistoryResponse,
  type OrderEvent,
} from '../../protocol/history.ts';
import type { OrderStatus } from '../../protocol/order.ts';
import { encodeHistoryCursor } from '../history-cursor.ts';
import { orderColumns, rowToOrder, type OrderRow } from './order-rows.ts';
import type { SqlClient } from './sql-database.ts';

/** The index predicate of orders_finished_*_idx, written identically so the planner can use them. */
export const FINISHED = `status IN ('completed', 'cancelled')`;

interface EventRow {
  order_id: string;
  status: OrderStatus;
  paid: boolean;
  at: string;
  device_id: string;
}

/** `q` as a LIKE "contains" pattern: %, _ and the escape character itself match only themselves. */
export function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Three ASCII letters or digits in a row give pg_trgm at least one trigram to look up, whatever the database's
 * locale calls a letter; a shorter `q` ("B-1", "7") has none and would make the GIN index read every entry.
 */
const HAS_TRIGRAM = /[A-Za-z0-9]{3}/;

/** 'indexed': written on migration 012's index expressions; 'walk': checked order by order, newest first. */
export type ContainsForm = 'indexed' | 'walk';

export function containsForm(q: string): ContainsForm {
  return HAS_TRIGRAM.test(q) && !q.includes('\n') ? 'indexed' : 'walk';
}

/**
 * `q` anywhere in the number ("001" and "1" find B-001), the customer's name, or an item's name or note, in any
 * case (docs/decisions.md, "History search"). With a trigram to look up, the three conditions are the
 * expressions of migration 012's GIN indexes, so the planner can OR their bitmaps when few orders match (or
 * still walk the newest first when many do); without one, it walks the finished orders newest first and stops
 * at a page's worth of matches. Both forms match exactly the same orders.
 */
export function containsCondition(form: ContainsForm, pattern: string): string {
  if (form === 'indexed') {
    // '-' is never part of an escape (likeContains), so the pattern without dashes is still exact.
    return `((replace(number, '-', '') LIKE upper(replace(${pattern}, '-', '')) AND number LIKE upper(${pattern}))
             OR lower(customer_name) LIKE lower(${pattern})
             OR order_items_search_text(items) LIKE lower(${pattern}))`;
  }
  return `(number LIKE upper(${pattern}) OR lower(customer_name) LIKE lower(${pattern})
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(items) AS line
                      WHERE lower(line->>'name') LIKE lower(${pattern})
                         OR lower(coalesce(line->>'note', '')) LIKE lower(${pattern})))`;
}

export interface HistoryStore {
  /** `after`: the decoded cursor of the previous page (older orders only). */
  search(query: Omit<HistoryQuery, 'cursor'>, after: HistoryCursor | null): Promise<HistoryResponse>;
  /** Events of these orders, each list oldest first. */
  eventsOf(orderIds: readonly string[]): Promise<Map<string, OrderEvent[]>>;
}

export function createHistoryStore(db: SqlClient): HistoryStore {
  async function eventsOf(orderIds: readonly string[]): Promise<Map<string, OrderEvent[]>> {
    const byOrder = new Map<string, OrderEvent[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = await db.query<EventRow>(
      `SELECT order_id, status, paid, at, device_id FROM order_events
       WHERE order_id = ANY($1::text[]) ORDER BY order_id, seq`,
      [orderIds],
    );
    for (const row of rows) {
      byOrder
        .get(row.order_id)
        ?.push({ status: row.status, paid: row.paid, at: row.at, deviceId: row.device_id });
    }
    return byOrder;
  }

  return {
    eventsOf,
    async search(query, after) {
      const where = [FINISHED];
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      if (query.from) where.push(`created_at >= ${param(query.from)}`);
      if (query.to) where.push(`created_at < ${param(query.to)}`);
      if (query.status) where.push(`status = ${param(query.status)}`);
      if (query.q) {
        where.push(containsCondition(containsForm(query.q), param(likeContains(query.q))));
      }
      if (after) {
        where.push(`(created_at, id) < (${param(after.createdAt)}, ${param(after.id)})`);
      }
      // One row more than asked tells whether another page exists without a count.
      const rows = await db.query<OrderRow>(
        `SELECT ${orderColumns()} FROM orders WHERE ${where.join(' AND ')}
         ORDER BY created_at DESC, id DESC LIMIT ${param(query.limit + 1)}`,
        params,
      );
      const page = rows.slice(0, query.limit).map(rowToOrder);
      const events = await eventsOf(page.map((order) => order.id));
      const orders: HistoryOrder[] = page.map((order) => ({ ...order, events: events.get(order.id) ?? [] }));
      const last = page[page.length - 1];
      return {
        orders,
        nextCursor:
          rows.length > query.limit && last
            ? encodeHistoryCursor({ createdAt: last.createdAt, id: last.id })
            : null,
      };
    },
  };
}
