// The receipt as a document (principle 24): shop details, number and local time, lines with options and
// prices, discount, subtotal, one line per tax rate, total, payments and refunds, and the order id. Every
// Part 3 field is optional on an order today: what is there is printed, nothing is recomputed here.

import type { Order, Payment } from '../../protocol/order.ts';
import { localTimeText, moneyText, rateText } from './money-text.ts';
import { pairLine, type PrintDocument, type PrintLine } from './print-document.ts';

/** Shop details from the settings, each optional (the settings may not carry them yet). */
export interface ReceiptShop {
  shopName?: string;
  address?: string | string[];
  taxId?: string;
  receiptFooter?: string;
  timeZone?: string;
}

/** Reads the receipt's shop details from whatever the settings hold; unknown fields are ignored. */
export function receiptShopFrom(settings: object): ReceiptShop {
  const record = settings as Record<string, unknown>;
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const address = Array.isArray(record.address)
    ? record.address.filter((line): line is string => typeof line === 'string')
    : text(record.address);
  return {
    shopName: text(record.shopName),
    address,
    taxId: text(record.taxId),
    receiptFooter: text(record.receiptFooter),
    timeZone: text(record.timeZone),
  };
}

const METHOD_NAMES: Readonly<Record<Payment['method'], string>> = {
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
};

function rows(left: string, right: string, width: number): PrintLine[] {
  return pairLine(left, right, width).map((text) => ({ text }));
}

function paymentLines(payment: Payment, currency: string, width: number): PrintLine[] {
  const money = (cents: number) => moneyText(cents, currency);
  const lines = rows(METHOD_NAMES[payment.method], money(payment.amountCents), width);
  if (payment.method === 'cash' && payment.tenderedCents !== null) {
    lines.push(...rows('  Tendered', money(payment.tenderedCents), width));
    lines.push(...rows('  Change', money(payment.changeCents), width));
  }
  if (payment.tipCents > 0) lines.push(...rows('  Tip', money(payment.tipCents), width));
  for (const refund of payment.refunds) {
    lines.push(...rows(`  Refund: ${refund.reason}`, money(-refund.amountCents), width));
  }
  return lines;
}

export function receiptDocument(
  order: Order,
  currency: string,
  shop: ReceiptShop,
  columns: number,
): PrintDocument {
  const width = columns;
  const money = (cents: number) => moneyText(cents, currency);
  const lines: PrintLine[] = [];
  if (shop.shopName) lines.push({ text: shop.shopName, large: true, bold: true, align: 'center' });
  const address = typeof shop.address === 'string' ? shop.address.split('\n') : (shop.address ?? []);
  for (const line of address.slice(0, 4)) lines.push({ text: line, align: 'center' });
  if (shop.taxId) lines.push({ text: `Tax id: ${shop.taxId}`, align: 'center' });
  if (lines.length > 0) lines.push({ rule: true });
  lines.push(...rows(`Order ${order.number}`, localTimeText(order.createdAt, shop.timeZone), width));
  if (order.customerName.trim() !== '') lines.push({ text: order.customerName.trim() });
  if (order.status === 'cancelled') lines.push({ text: 'CANCELLED', bold: true });
  lines.push({ rule: true });
  for (const item of order.items) {
    const lineTotal = item.lineTotalCents ?? item.qty * item.unitPriceCents;
    lines.push(...rows(`${item.qty} x ${item.name}`, money(lineTotal), width));
    for (const option of item.options ?? []) {
      const delta =
        option.priceDeltaCents === 0
          ? ''
          : ` ${option.priceDeltaCents > 0 ? '+' : ''}${money(option.priceDeltaCents)}`;
      lines.push({ text: `   ${option.name}${delta}` });
    }
    if (item.qty > 1) lines.push({ text: `   @ ${money(item.unitPriceCents)}` });
    if (item.note.trim() !== '') lines.push({ text: `   ${item.note.trim()}` });
  }
  lines.push({ rule: true });
  if (order.subtotalCents !== undefined) lines.push(...rows('Subtotal', money(order.subtotalCents), width));
  if (order.discount) lines.push(...rows(order.discount.name, money(-order.discount.amountCents), width));
  for (const tax of order.taxes ?? []) {
    lines.push(
      ...rows(
        `${tax.name} ${rateText(tax.rateBasisPoints)} of ${money(tax.netCents)}`,
        money(tax.taxCents),
        width,
      ),
    );
  }
  lines.push(
    ...pairLine('TOTAL', money(order.totalCents), Math.floor(width / 2)).map((text) => ({
      text,
      large: true,
      bold: true,
    })),
  );
  const payments = order.payments ?? [];
  if (payments.length > 0) {
    lines.push({ rule: true });
    for (const payment of payments) lines.push(...paymentLines(payment, currency, width));
  }
  if (order.dueCents !== undefined && order.dueCents > 0)
    lines.push(...rows('Due', money(order.dueCents), width));
  if (order.dueCents !== undefined && order.dueCents < 0)
    lines.push(...rows('Refund due', money(-order.dueCents), width));
  if (payments.length === 0 && order.paid) lines.push({ text: 'Paid' });
  lines.push({ rule: true });
  if (shop.receiptFooter) lines.push({ text: shop.receiptFooter, align: 'center' });
  lines.push({ text: `Order id ${order.id}`, align: 'center' });
  return { columns, lines };
}
