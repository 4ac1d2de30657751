// A print job's content as data (stored in print_jobs.document): lines of text with size, weight and
// alignment, already laid out for the printer's width. The same document becomes the receipt preview
// (documentText) and the ESC/POS bytes (escpos-encode.ts), so the preview is word for word what prints.

export type PrintAlign = 'left' | 'center' | 'right';

export type PrintLine =
  { text: string; large?: boolean; bold?: boolean; align?: PrintAlign } | { rule: true } | { feed: number };

export interface PrintDocument {
  columns: number;
  lines: PrintLine[];
  /** Open the cash drawer (ESC p) before the cut. */
  drawerKick?: boolean;
}

/** Characters a line holds: large type is double width. */
export function lineWidth(columns: number, large: boolean | undefined): number {
  return large ? Math.floor(columns / 2) : columns;
}

/** Splits `text` into lines of at most `width` characters, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let rest = paragraph.trimEnd();
    if (rest === '') {
      out.push('');
      continue;
    }
    while ([...rest].length > width) {
      const chars = [...rest];
      const head = chars.slice(0, width + 1).join('');
      const space = head.lastIndexOf(' ');
      const cut = space > 0 ? space : width;
      out.push(chars.slice(0, cut).join('').trimEnd());
      rest = chars.slice(cut).join('').trimStart();
    }
    out.push(rest);
  }
  return out;
}

/** `left` and `right` on one line of `width`, the left side wrapped above when both do not fit. */
export function pairLine(left: string, right: string, width: number): string[] {
  const room = width - [...right].length - 1;
  if (room < 4) return [...wrapText(left, width), right.padStart(width)];
  const wrapped = wrapText(left, room);
  const last = wrapped.pop() ?? '';
  return [...wrapped, `${last.padEnd(room)} ${right}`];
}

function aligned(text: string, width: number, align: PrintAlign | undefined): string {
  const length = [...text].length;
  if (align === 'center') return ' '.repeat(Math.max(0, Math.floor((width - length) / 2))) + text;
  if (align === 'right') return text.padStart(width);
  return text;
}

/**
 * The document as plain text at its width: what GET /api/orders/:id/receipt answers and what the virtual
 * printer shows. Large lines are wrapped at half the width, as the printer does with double-width type.
 */
export function documentText(document: PrintDocument): string {
  const out: string[] = [];
  for (const line of document.lines) {
    if ('rule' in line) out.push('-'.repeat(document.columns));
    else if ('feed' in line) for (let i = 0; i < line.feed; i += 1) out.push('');
    else {
      const width = lineWidth(document.columns, line.large);
      for (const part of wrapText(line.text, width)) out.push(aligned(part, width, line.align).trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}
