// The day report as an RFC 4180 CSV download: a header and one row per order of the day, an empty line,
// then a header and one row per item sold. Cells that a spreadsheet would run as a formula are defused.

import type { DayReport } from '../protocol/day-report.ts';
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

/** "2× Flat white; 1× Croissant (warm)" */
function itemsText(order: DayOrder): string {
  return order.items
    .map((item) => `${item.qty}× ${item.name}${item.note ? ` (${item.note})` : ''}`)
    .join('; ');
}

export function dayReportCsv(report: DayReport, orders: readonly DayOrder[]): string {
  const lines = [csvRow(['number', 'createdAt', 'status', 'paid', 'customer', 'items', 'totalCents'])];
  for (const order of orders) {
    lines.push(
      csvRow([
        order.number,
        order.createdAt,
        order.status,
        order.paid,
        order.customerName,
        itemsText(order),
        order.totalCents,
      ]),
    );
  }
  lines.push('\r\n', csvRow(['menuItemId', 'name', 'qty', 'revenueCents']));
  for (const item of report.items)
    lines.push(csvRow([item.menuItemId, item.name, item.qty, item.revenueCents]));
  return lines.join('');
}
