// Mapping between the orders table and the Order shape. Column lists live here so every statement
// returns the same columns in the same order.

import type {
  Order,
  OrderDiscount,
  OrderItem,
  OrderStatus,
  OrderTax,
  Payment,
} from '../../protocol/order.ts';

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
  // Part 3 (migration 007).
  'menu_version',
  'subtotal_cents',
  'discount',
  'taxes',
  'payments',
  'paid_cents',
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
  menu_version: number | null;
  /** NULL only on a row written by a Part 2 server after 007 ran (a mixed-version cluster): = total. */
  subtotal_cents: number | string | bigint | null;
  discount: OrderDiscount | null;
  taxes: OrderTax[];
  payments: Payment[];
  paid_cents: number | string | bigint;
}

/** One line as the API shows it: Part 3 fields only where the order has them (orders from before it lack them). */
function rowItem(item: OrderItem): OrderItem {
  const line: OrderItem = {
    menuItemId: item.menuItemId,
    name: item.name,
    qty: item.qty,
    unitPriceCents: item.unitPriceCents,
    note: item.note,
  };
  if (item.options !== undefined) {
    line.options = item.options.map((option) => ({
      group: option.group,
      option: option.option,
      name: option.name,
      priceDeltaCents: option.priceDeltaCents,
    }));
  }
  if (item.taxRate !== undefined) line.taxRate = item.taxRate;
  if (item.lineTotalCents !== undefined) line.lineTotalCents = item.lineTotalCents;
  return line;
}

/** dueCents = total − paid; a cancelled order owes nothing (principle 21), so it may be a refund due. */
export function dueCents(order: Pick<Order, 'status' | 'totalCents'>, paidCents: number): number {
  return (order.status === 'cancelled' ? 0 : order.totalCents) - paidCents;
}

export function rowToOrder(row: OrderRow): Order {
  return {
    id: row.id,
    number: row.number,
    deviceId: row.device_id,
    customerName: row.customer_name,
    note: row.note,
    // jsonb does not keep key order; rebuild each line so responses always read the same way.
    items: row.items.map(rowItem),
    totalCents: Number(row.total_cents),
    status: row.status,
    paid: row.paid,
    ...(row.menu_version === null ? {} : { menuVersion: Number(row.menu_version) }),
    subtotalCents: Number(row.subtotal_cents ?? row.total_cents),
    discount: row.discount
      ? { id: row.discount.id, name: row.discount.name, amountCents: row.discount.amountCents }
      : null,
    taxes: row.taxes.map((tax) => ({
      rate: tax.rate,
      name: tax.name,
      rateBasisPoints: tax.rateBasisPoints,
      netCents: tax.netCents,
      taxCents: tax.taxCents,
      grossCents: tax.grossCents,
    })),
    payments: row.payments.map((payment) => ({
      id: payment.id,
      method: payment.method,
      amountCents: payment.amountCents,
      tenderedCents: payment.tenderedCents,
      changeCents: payment.changeCents,
      tipCents: payment.tipCents,
      deviceId: payment.deviceId,
      createdAt: payment.createdAt,
      refunds: payment.refunds,
    })),
    paidCents: Number(row.paid_cents),
    dueCents: dueCents({ status: row.status, totalCents: Number(row.total_cents) }, Number(row.paid_cents)),
    createdAt: row.created_at,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    seq: Number(row.seq),
  };
}
