// Kitchen tickets and CANCELLED slips (principle 23): only the lines of the printer's categories, each with
// its options and note, in large type, so a cook reads them at arm's length. Pure: order + printer → document.

import type { Order, OrderItem } from '../../protocol/order.ts';
import type { PrinterConfig } from '../../protocol/printers.ts';
import { ENGLISH, type ShopWords } from '../shop-words.ts';
import { localTimeText } from './money-text.ts';
import type { PrintDocument, PrintLine } from './print-document.ts';

/** The item → category lookup of the order's menu version. */
export type CategoryOf = (menuItemId: string) => string | undefined;

/** The order's lines this printer prints: those of its categories (every line when it lists none). */
export function linesForPrinter(order: Order, printer: PrinterConfig, categoryOf: CategoryOf): OrderItem[] {
  if (printer.categories.length === 0) return order.items;
  return order.items.filter((item) => {
    const category = categoryOf(item.menuItemId);
    return category !== undefined && printer.categories.includes(category);
  });
}

function itemLines(items: readonly OrderItem[]): PrintLine[] {
  const lines: PrintLine[] = [];
  for (const item of items) {
    lines.push({ text: `${item.qty} x ${item.name}`, large: true, bold: true });
    const options = item.options ?? [];
    if (options.length > 0)
      lines.push({ text: `  ${options.map((option) => option.name).join(', ')}`, large: true });
    if (item.note.trim() !== '') lines.push({ text: `  ! ${item.note.trim()}`, large: true });
  }
  return lines;
}

function heading(order: Order, timeZone: string | undefined, words: ShopWords): PrintLine[] {
  const lines: PrintLine[] = [{ text: order.number, large: true, bold: true, align: 'center' }];
  if (order.customerName.trim() !== '')
    lines.push({ text: order.customerName.trim(), large: true, align: 'center' });
  lines.push({ text: localTimeText(order.createdAt, timeZone, words), align: 'center' });
  return lines;
}

/** The ticket, or null when none of the order's lines belong to this printer. */
export function kitchenTicket(
  order: Order,
  printer: PrinterConfig,
  categoryOf: CategoryOf,
  timeZone?: string,
  words: ShopWords = ENGLISH,
): PrintDocument | null {
  const items = linesForPrinter(order, printer, categoryOf);
  if (items.length === 0) return null;
  const lines: PrintLine[] = [...heading(order, timeZone, words), { rule: true }, ...itemLines(items)];
  if (order.note.trim() !== '')
    lines.push(
      { rule: true },
      { text: words.t('server.ticket.note', { note: order.note.trim() }), large: true },
    );
  return { columns: printer.columns, lines };
}

/** The CANCELLED slip for a printer that had the order's ticket (same lines), or null. */
export function cancelledSlip(
  order: Order,
  printer: PrinterConfig,
  categoryOf: CategoryOf,
  timeZone?: string,
  words: ShopWords = ENGLISH,
): PrintDocument | null {
  const items = linesForPrinter(order, printer, categoryOf);
  if (items.length === 0) return null;
  return {
    columns: printer.columns,
    lines: [
      { text: words.t('server.ticket.cancelled'), large: true, bold: true, align: 'center' },
      ...heading(order, timeZone, words),
      { rule: true },
      ...itemLines(items),
      { rule: true },
      { text: words.t('server.ticket.doNotMake'), large: true, bold: true, align: 'center' },
    ],
  };
}

/** The test page: what the printer is set to, and the letters its code page must get right. */
export function testPage(printer: PrinterConfig, sample: string, words: ShopWords = ENGLISH): PrintDocument {
  const { t } = words;
  const kind = t(printer.kind === 'kitchen' ? 'server.ticket.kitchen' : 'server.ticket.receipt');
  return {
    columns: printer.columns,
    lines: [
      { text: t('server.ticket.testPage'), large: true, bold: true, align: 'center' },
      { rule: true },
      { text: t('server.ticket.printer', { name: printer.name }) },
      { text: t('server.ticket.address', { address: `${printer.host}:${printer.port}` }) },
      { text: t('server.ticket.kind', { kind, columns: printer.columns }) },
      { text: t('server.ticket.letters', { letters: sample }) },
      { text: '1234567890'.repeat(Math.ceil(printer.columns / 10)).slice(0, printer.columns) },
      { text: t('server.ticket.largeType'), large: true },
    ],
  };
}
