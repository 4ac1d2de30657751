// Turns a PrintDocument into ESC/POS bytes with @point-of-sale/receipt-printer-encoder: ESC @ first, the
// chosen code page, large type as double width and height, the drawer pulse when asked, and a cut (GS V)
// last. Never assembles command bytes by hand.

import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { Codepage } from '@point-of-sale/codepage-encoder';
import { lineWidth, wrapText, type PrintDocument } from './print-document.ts';

export function encodeDocument(document: PrintDocument, codepage: Codepage): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: document.columns,
    codepageMapping: 'epson',
    // Unknown characters become '?' rather than an exception: a receipt must print whatever the menu holds.
    errors: 'relaxed',
    feedBeforeCut: 4,
  });
  encoder.initialize().codepage(codepage);
  for (const line of document.lines) {
    if ('rule' in line) encoder.line('-'.repeat(document.columns));
    else if ('feed' in line) encoder.newline(line.feed);
    else {
      encoder.align(line.align ?? 'left').bold(line.bold === true);
      if (line.large) encoder.size(2, 2);
      // Wrapped here, not by the printer, so the text preview and the paper break lines at the same places.
      for (const part of wrapText(line.text, lineWidth(document.columns, line.large))) encoder.line(part);
      if (line.large) encoder.size(1, 1);
    }
  }
  encoder.align('left').bold(false);
  if (document.drawerKick) encoder.pulse();
  return encoder.cut('partial').encode();
}
