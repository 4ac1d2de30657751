// The receipt as a document (principle 24): shop details, number and local time, lines with options and
// prices, discount, subtotal, one line per tax rate, total, payments and refunds, and the order id. Every
// Part 3 field is optional on an order today: what is there is printed, nothing is recomputed here. Words,
// money and time in the shop's locale (server/shop-words.ts).

import type { Order, Payment } from '../../protocol/order.ts';
import { ENGLISH, shopWords, type ShopWords } from '../shop-words.ts';
import { localTimeText, moneyText, rateText } from './money-text.ts';
import { pairLine, type PrintDocument, type PrintLine } from './print-document.ts';

/** Shop details from the settings, each optional (the settings may not carry them yet). */
export interface ReceiptShop {
  shopName?: string;
  address?: string | string[];
  taxId?: string;
  receiptFooter?: string;
  timeZone?: string;
  /** The words and number formats of the shop's `locale` setting (English when it has none). */
  words?: ShopWords;
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
    words: shopWords(text(record.locale)),
  };
}

const METHOD_WORDS: Readonly<Record<Payment['method'], string>> = {
  cash: 'server.receipt.cash',
  card: 'server.receipt.card',
  other: 'server.receipt.other',
};

function rows(left: string, right: string, width: number): PrintLine[] {
  return pairLine(left, right, width).map((text) => ({ text }));
}

function paymentLines(payment: Payment, currency: string, width: number, words: ShopWords): PrintLine[] {
  const { t } = words;
  const money = (cents: number) => moneyText(cents, currency, words);
  const lines = rows(t(METHOD_WORDS[payment.method]), money(payment.amountCents), width);
  if (payment.method === 'cash' && payment.tenderedCents !== null) {
    lines.push(...rows(`  ${t('server.receipt.tendered')}`, money(payment.tenderedCents), width));
    lines.push(...rows(`  ${t('server.receipt.change')}`, money(payment.changeCents), width));
  }
  if (payment.tipCents > 0)
    lines.push(...rows(`  ${t('server.receipt.tip')}`, money(payment.tipCents), width));
  for (const refund of payment.refunds) {
    const reason = t('server.receipt.refund', { reason: refund.reason });
    lines.push(...rows(`  ${reason}`, money(-refund.amountCents), width));
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
  const words = shop.words ?? ENGLISH;
  const { t } = words;
  const money = (cents: number) => moneyText(cents, currency, words);
  const lines: PrintLine[] = [];
  if (shop.shopName) lines.push({ text: shop.shopName, large: true, bold: true, align: 'center' });
  const address = typeof shop.address === 'string' ? shop.address.split('\n') : (shop.address ?? []);
  for (const line of address.slice(0, 4)) lines.push({ text: line, align: 'center' });
  if (shop.taxId) lines.push({ text: t('server.receipt.taxId', { taxId: shop.taxId }), align: 'center' });
  if (lines.length > 0) lines.push({ rule: true });
  const when = localTimeText(order.createdAt, shop.timeZone, words);
  lines.push(...rows(t('server.receipt.order', { number: order.number }), when, width));
  if (order.customerName.trim() !== '') lines.push({ text: order.customerName.trim() });
  if (order.status === 'cancelled') lines.push({ text: t('server.receipt.cancelled'), bold: true });
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
  if (order.subtotalCents !== undefined)
    lines.push(...rows(t('server.receipt.subtotal'), money(order.subtotalCents), width));
  if (order.discount) lines.push(...rows(order.discount.name, money(-order.discount.amountCents), width));
  for (const tax of order.taxes ?? []) {
    lines.push(
      ...rows(
        t('server.receipt.taxLine', {
          name: tax.name,
          rate: rateText(tax.rateBasisPoints, words),
          net: money(tax.netCents),
        }),
        money(tax.taxCents),
        width,
      ),
    );
  }
  lines.push(
    ...pairLine(t('server.receipt.total'), money(order.totalCents), Math.floor(width / 2)).map((text) => ({
      text,
      large: true,
      bold: true,
    })),
  );
  const payments = order.payments ?? [];
  if (payments.length > 0) {
    lines.push({ rule: true });
    for (const payment of payments) lines.push(...paymentLines(payment, currency, width, words));
  }
  if (order.dueCents !== undefined && order.dueCents > 0)
    lines.push(...rows(t('server.receipt.due'), money(order.dueCents), width));
  if (order.dueCents !== undefined && order.dueCents < 0)
    lines.push(...rows(t('server.receipt.refundDue'), money(-order.dueCents), width));
  if (payments.length === 0 && order.paid) lines.push({ text: t('server.receipt.paid') });
  lines.push({ rule: true });
  if (shop.receiptFooter) lines.push({ text: shop.receiptFooter, align: 'center' });
  lines.push({ text: t('server.receipt.orderId', { id: order.id }), align: 'center' });
  return { columns, lines };
}
