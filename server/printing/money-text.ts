// Money, rates and times as printed, in the shop's locale (Intl): minor units with the currency's own decimals
// (JPY 0, EUR 2, KWD 3) and the sign the printer's code page has, plain spaces (no locale no-break spaces a
// code page could not show). The amount reaches Intl as exact decimal text, never as a float.

import { currencyDigits, minorUnitsText } from '../../protocol/currency-digits.ts';
import { ENGLISH, type ShopWords } from '../shop-words.ts';
import { clockParts } from '../clock-parts.ts';
import { currencySign } from './codepage-choice.ts';

const formats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}/${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      // No thousands separators, as receipts always printed (`€1234.50`): narrow columns, one style per shop.
      useGrouping: false,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format;
}

/** Intl's spaces (no-break, narrow no-break) and direction marks as what any code page prints. */
function printable(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[\u200e\u200f\u061c]/g, '');
}

/** `1250` EUR → `€12.50` (en), `12,50 €` (de); `-70` → `-€0.70`; KWD `KWD 0.930`; JPY `¥930`. */
export function moneyText(cents: number, currency: string, words: ShopWords = ENGLISH): string {
  const digits = currencyDigits(currency);
  const symbol = currencySign(currency);
  let parts: Intl.NumberFormatPart[];
  try {
    // Intl.NumberFormat takes a decimal string exactly (ES2023 "Intl.NumberFormat v3").
    parts = moneyFormat(words.intlLocale, currency, digits).formatToParts(
      minorUnitsText(cents, digits) as unknown as number,
    );
  } catch {
    return `${symbol} ${minorUnitsText(cents, digits)}`;
  }
  const text = printable(parts.map((part) => (part.type === 'currency' ? symbol : part.value)).join(''));
  // A one-glyph sign (`€`, `¥`) written before the amount sits next to the digits (`€12.50`), as Intl's own
  // symbols do; a sign of letters (`KWD 0.930`) or one after the amount (`12,50 €`) keeps its space.
  return symbol.length === 1 ? text.replace(`${symbol} `, symbol) : text;
}

/** `1900` → `19%`, `750` → `7.5%` (en); `7,5 %` (de). */
export function rateText(basisPoints: number, words: ShopWords = ENGLISH): string {
  const format = new Intl.NumberFormat(words.intlLocale, { style: 'percent', maximumFractionDigits: 2 });
  // Display only: a basis-point count over 10,000 is exact enough for two decimals of a per cent.
  return printable(format.format(basisPoints / 10_000));
}

/** Local date and time as printed (`06/12/2026 14:05` in English), in the shop's time zone when known. */
export function localTimeText(iso: string, timeZone?: string, words: ShopWords = ENGLISH): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    if (words.locale !== 'en')
      return printable(new Intl.DateTimeFormat(words.intlLocale, options).format(date));
    // English receipts keep the day-first form they always had (a US shop reads it as printed so far).
    const c = clockParts(date, timeZone);
    return `${c.day}/${c.month}/${c.year} ${c.hour}:${c.minute}`;
  } catch {
    return iso;
  }
}
