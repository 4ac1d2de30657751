// The bytes themselves: ESC @ first and GS V last, €/£/ä/é/ñ in a code page that has them (decoded back
// by the virtual printer's decoder), nothing as raw UTF-8, the drawer pulse only when asked.

import { describe, expect, it } from 'vitest';
import { chooseCodepage } from '../../../../server/printing/codepage-choice.ts';
import { encodeDocument } from '../../../../server/printing/escpos-encode.ts';
import { EscPosDecoder } from '../../../../server/printing/escpos-decoder.ts';
import type { PrintDocument } from '../../../../server/printing/print-document.ts';

const LETTERS = 'Café crème € £ ä é ñ Müßig';

function decode(bytes: Uint8Array) {
  const events = new EscPosDecoder().push(bytes);
  const ticket = events.find((event) => event.type === 'ticket');
  if (ticket?.type !== 'ticket') throw new Error('no ticket decoded');
  return ticket.ticket;
}

function containsUtf8(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text, 'utf8'));
}

describe('ESC/POS encoding', () => {
  const document: PrintDocument = { columns: 42, lines: [{ text: LETTERS }, { text: 'Big', large: true }] };

  it('starts with ESC @ and ends with a cut', () => {
    const bytes = encodeDocument(document, 'cp858');
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    const cut = Buffer.from(bytes).lastIndexOf(Buffer.from([0x1d, 0x56]));
    expect(cut).toBeGreaterThan(bytes.length - 6);
  });

  it.each([
    ['EUR', 'de-DE'],
    ['EUR', 'es'],
    ['GBP', 'en-GB'],
    ['EUR', 'fr'],
  ])(
    '%s in %s: €, £, ä, é, ñ come out right in the chosen code page and never as UTF-8',
    (currency, locale) => {
      const page = chooseCodepage(currency, locale);
      const bytes = encodeDocument(document, page);
      for (const char of ['€', '£', 'ä', 'é', 'ñ', 'ß']) expect(containsUtf8(bytes, char)).toBe(false);
      const ticket = decode(bytes);
      expect(ticket.codepages).toEqual([page]);
      expect(ticket.lines[0]?.text).toBe(LETTERS);
    },
  );

  it('a character the page cannot show is replaced, not sent as UTF-8', () => {
    const bytes = encodeDocument({ columns: 32, lines: [{ text: 'Tea 漢 €' }] }, chooseCodepage('EUR', 'de'));
    expect(containsUtf8(bytes, '漢')).toBe(false);
    expect(decode(bytes).lines[0]?.text).toBe('Tea ? €');
  });

  it('a Russian shop gets a Cyrillic page', () => {
    const page = chooseCodepage('RUB', 'ru-RU');
    const ticket = decode(encodeDocument({ columns: 32, lines: [{ text: 'Борщ' }] }, page));
    expect(ticket.lines[0]?.text).toBe('Борщ');
  });

  it('large lines are marked large; the drawer pulse is sent only when asked', () => {
    const plain = decode(encodeDocument(document, 'cp858'));
    expect(plain.lines[1]).toMatchObject({ text: 'Big', large: true });
    expect(plain.drawerKick).toBe(false);
    expect(decode(encodeDocument({ ...document, drawerKick: true }, 'cp858')).drawerKick).toBe(true);
  });
});
