// The day report as RFC 4180 CSV downloads, one table per file (docs/decisions.md): the day's orders, or the
// items sold. Amounts in major units with a decimal point, times on the shop's local clock (the zone is named
// in the column header). Cells that a spreadsheet would run as a formula are defused. The header row and the
// words in cells are in the shop's language (server catalogue); numbers, times and status codes stay as a
// machine reads them in every language (docs/decisions.md).

import { currencyDigits, minorUnitsText } from '../protocol/currency-digits.ts';
import type { DayReport, DayReportTable } from '../protocol/day-report.ts';
import { clockParts } from './clock-parts.ts';
import { ENGLISH, type ShopWords } from './shop-words.ts';
import type { DayOrder } from './store/day-report-store.ts';

/** Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula prefixes neutralised with a leading `'`, then quoted when it holds `"`, `,`, CR or LF. */
export function csvCell(value: CsvValue): string {
  // An amount (`-8.90`: a refund due, a short drawer) is a number the server wrote, never a formula.
  if (typeof value === 'object') return value.amount;
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell: text (defused), or an amount from csvAmount (written as is, so a spreadsheet sums it). */
export type CsvValue = string | number | boolean | { amount: string };

/** Signed integer cents as a CSV amount cell (`-8.90` stays a number). */
export function csvAmount(cents: number, digits = 2): { amount: string } {
  return { amount: centsAsDecimal(cents, digits) };
}

function csvRow(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Integer minor units as `12.34` (`-0.05` below zero), by integer arithmetic: no float ever touches the amount.
 * With the currency's own decimals (JPY `1250`, KWD `1.250`; protocol/currency-digits.ts), two by default; a
 * dot in every locale (a spreadsheet's CSV import reads it).
 */
export function centsAsDecimal(cents: number, digits = 2): string {
  return minorUnitsText(cents, digits);
}

/** `2026-06-10 08:02:00` on the clock of `tz` (no zone suffix: the header names the zone). */
export function localTimestamp(iso: string, tz: string): string {
  const c = clockParts(new Date(iso), tz);
  return `${c.year}-${c.month}-${c.day} ${c.hour}:${c.minute}:${c.second}`;
}

/** "2× Flat white; 1× Croissant (warm)" */
function itemsText(order: DayOrder): string {
  return order.items
    .map((item) => `${item.qty}× ${item.name}${item.note ? ` (${item.note})` : ''}`)
    .join('; ');
}

/** "cash 12.00; card 5.00 tip 1.00 refunded 2.00" (the method as the API names it, in every language) */
function paymentsText(order: DayOrder, digits: number, t: ShopWords['t']): string {
  return order.payments
    .map((p) => {
      const refunded = p.refunds.reduce((sum, r) => sum + r.amountCents, 0);
      return [
        `${p.method} ${centsAsDecimal(p.amountCents, digits)}`,
        p.tipCents > 0 ? ` ${t('server.csv.tip')} ${centsAsDecimal(p.tipCents, digits)}` : '',
        refunded > 0 ? ` ${t('server.csv.refunded')} ${centsAsDecimal(refunded, digits)}` : '',
      ].join('');
    })
    .join('; ');
}

function ordersCsv(report: DayReport, orders: readonly DayOrder[], { t }: ShopWords): string {
  const digits = currencyDigits(report.currency);
  const { tz, currency } = report;
  const lines = [
    csvRow([
      t('server.csv.number'),
      t('server.csv.created', { tz }),
      t('server.csv.status'),
      t('server.csv.paid'),
      t('server.csv.customer'),
      t('server.csv.items'),
      t('server.csv.total', { currency }),
      // Part 3 (principle 21), after the earlier columns so older imports keep working.
      t('server.csv.paidAmount', { currency }),
      t('server.csv.due', { currency }),
      t('server.csv.payments'),
    ]),
  ];
  for (const order of orders) {
    lines.push(
      csvRow([
        order.number,
        localTimestamp(order.createdAt, report.tz),
        order.status,
        t(order.paid ? 'server.csv.yes' : 'server.csv.no'),
        order.customerName,
        itemsText(order),
        centsAsDecimal(order.totalCents, digits),
        csvAmount(order.paidCents, digits),
        csvAmount((order.status === 'cancelled' ? 0 : order.totalCents) - order.paidCents, digits),
        paymentsText(order, digits, t),
      ]),
    );
  }
  return lines.join('');
}

function itemsCsv(report: DayReport, { t }: ShopWords): string {
  const header = [
    t('server.csv.menuItemId'),
    t('server.csv.name'),
    t('server.csv.quantity'),
    t('server.csv.revenue', { currency: report.currency }),
  ];
  const lines = [csvRow(header)];
  for (const item of report.items)
    lines.push(
      csvRow([
        item.menuItemId,
        item.name,
        item.qty,
        centsAsDecimal(item.revenueCents, currencyDigits(report.currency)),
      ]),
    );
  return lines.join('');
}

export function dayReportCsv(
  report: DayReport,
  orders: readonly DayOrder[],
  table: DayReportTable,
  words: ShopWords = ENGLISH,
): string {
  switch (table) {
    case 'orders':
      return ordersCsv(report, orders, words);
    case 'items':
      return itemsCsv(report, words);
  }
}
