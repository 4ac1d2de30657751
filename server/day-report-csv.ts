// The day report as RFC 4180 CSV downloads, one table per file (docs/decisions.md): the day's orders, or the
// items sold. Amounts in major units with a decimal point, times on the shop's local clock (the zone is named
// in the column header). Cells that a spreadsheet would run as a formula are defused.

import { currencyDigits } from '../protocol/currency-digits.ts';
import type { DayReport, DayReportTable } from '../protocol/day-report.ts';
import type { DayOrder } from './store/day-report-store.ts';

/** Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula prefixes neutralised with a leading `'`, then quoted when it holds `"`, `,`, CR or LF. */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(cells: readonly (string | number | boolean)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Integer minor units as `12.34` (`-0.05` below zero), by integer arithmetic: no float ever touches the amount.
 * With the currency's own decimals (JPY `1250`, KWD `1.250`; protocol/currency-digits.ts), two by default; a
 * dot in every locale (a spreadsheet's CSV import reads it).
 */
export function centsAsDecimal(cents: number, digits = 2): string {
  const sign = cents < 0 ? '-' : '';
  const whole = String(Math.abs(Math.trunc(cents))).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${whole}`;
  return `${sign}${whole.slice(0, -digits)}.${whole.slice(-digits)}`;
}

/** `2026-06-10 08:02:00` on the clock of `tz` (no zone suffix: the header names the zone). */
export function localTimestamp(iso: string, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** "2× Flat white; 1× Croissant (warm)" */
function itemsText(order: DayOrder): string {
  return order.items
    .map((item) => `${item.qty}× ${item.name}${item.note ? ` (${item.note})` : ''}`)
    .join('; ');
}

function ordersCsv(report: DayReport, orders: readonly DayOrder[]): string {
  const lines = [
    csvRow([
      'number',
      `created (${report.tz})`,
      'status',
      'paid',
      'customer',
      'items',
      `total (${report.currency})`,
    ]),
  ];
  for (const order of orders) {
    lines.push(
      csvRow([
        order.number,
        localTimestamp(order.createdAt, report.tz),
        order.status,
        order.paid ? 'yes' : 'no',
        order.customerName,
        itemsText(order),
        centsAsDecimal(order.totalCents, currencyDigits(report.currency)),
      ]),
    );
  }
  return lines.join('');
}

function itemsCsv(report: DayReport): string {
  const lines = [csvRow(['menu item id', 'name', 'quantity', `revenue (${report.currency})`])];
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

export function dayReportCsv(report: DayReport, orders: readonly DayOrder[], table: DayReportTable): string {
  switch (table) {
    case 'orders':
      return ordersCsv(report, orders);
    case 'items':
      return itemsCsv(report);
  }
}
