// The day report as RFC 4180 CSV downloads, one table per file (docs/decisions.md): the day's orders, or the
// items sold. Amounts in major units with a decimal point, times on the shop's local clock (the zone is named
// in the column header). Cells that a spreadsheet would run as a formula are defused.

import type { DayReport, DayReportTable } from '../protocol/day-report.ts';
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
export function csvAmount(cents: number): { amount: string } {
  return { amount: centsAsDecimal(cents) };
}

function csvRow(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Integer cents as `12.34` (`-0.05` below zero), by integer arithmetic: no float ever touches the amount. Always
 * two decimals, as the rest of Orderline counts cents (a spreadsheet reads the dot in every locale's CSV import).
 */
export function centsAsDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
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

/** "cash 12.00; card 5.00 tip 1.00 refunded 2.00" */
function paymentsText(order: DayOrder): string {
  return order.payments
    .map((p) => {
      const refunded = p.refunds.reduce((sum, r) => sum + r.amountCents, 0);
      return [
        `${p.method} ${centsAsDecimal(p.amountCents)}`,
        p.tipCents > 0 ? ` tip ${centsAsDecimal(p.tipCents)}` : '',
        refunded > 0 ? ` refunded ${centsAsDecimal(refunded)}` : '',
      ].join('');
    })
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
      // Part 3 (principle 21), after the earlier columns so older imports keep working.
      `paid (${report.currency})`,
      `due (${report.currency})`,
      'payments',
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
        centsAsDecimal(order.totalCents),
        csvAmount(order.paidCents),
        csvAmount((order.status === 'cancelled' ? 0 : order.totalCents) - order.paidCents),
        paymentsText(order),
      ]),
    );
  }
  return lines.join('');
}

function itemsCsv(report: DayReport): string {
  const lines = [csvRow(['menu item id', 'name', 'quantity', `revenue (${report.currency})`])];
  for (const item of report.items)
    lines.push(csvRow([item.menuItemId, item.name, item.qty, centsAsDecimal(item.revenueCents)]));
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
