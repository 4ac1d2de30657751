// Mapping between the orders table and the Order shape. Column lists live here so every statement
// returns the same columns in the same order.

import type { Order, OrderItem, OrderStatus } from '../../protocol/order.ts';

export const ORDER_COLUMNS = [
  'id',
  'number',
  'device_id',
  'customer_name',
  'note',
  'items',
  'total_cents',
  'status',
  'paid',
  'created_at',
  'received_at',
  'updated_at',
  'seq',
] as const;

/** `id, number, …` optionally qualified, e.g. `orders.id` where a CTE also has a `seq` column. */
export function orderColumns(table?: string): string {
  return ORDER_COLUMNS.map((column) => (table ? `${table}.${column}` : column)).join(', ');
}

export interface OrderRow {
  id: string;
  number: string;
  device_id: string;
  customer_name: string;
  note: string;
  /** jsonb: parsed by both drivers. */
  items: OrderItem[];
  /** bigint: node-postgres returns a string, PGlite a number or bigint. */
  total_cents: number | string | bigint;
  status: OrderStatus;
  paid: boolean;
  created_at: string;
  received_at: string;
  updated_at: string;
  seq: number | string | bigint;
}

export function rowToOrder(row: OrderRow): Order {
  return {
    id: row.id,
    number: row.number,
    deviceId: row.device_id,
    customerName: row.customer_name,
    note: row.note,
    // jsonb does not keep key order; rebuild each line so responses always read the same way.
    items: row.items.map((item) => ({
      menuItemId: item.menuItemId,
      name: item.name,
      qty: item.qty,
      unitPriceCents: item.unitPriceCents,
      note: item.note,
    })),
    totalCents: Number(row.total_cents),
    status: row.status,
    paid: row.paid,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    seq: Number(row.seq),
  };
}
