// Typed money → integer minor units, and the cash quick amounts (DESIGN "Screens, part 3": exact, next notes).
// The one place a typed amount is read: string arithmetic on digits, never a float (principle: money is cents).

import { currencyDigits as digitsOf } from '../protocol/currency-digits.ts';
import { intlLocale } from './i18n.ts';

/** Minor-unit digits of a currency (EUR 2, JPY 0, KWD 3); 2 until the menu has named the currency. */
export function currencyDigits(currency: string | null): number {
  return currency === null ? 2 : digitsOf(currency);
}

/**
 * "12", "12.5", "12,50", " €12.50 " → minor units; null for anything else (letters, two separators, more
 * decimals than the currency has, a sign). Thousands separators are not accepted: a till's amounts are short,
 * and "1,250" would be ambiguous between locales.
 */
export function parseMoney(text: string, currency: string | null): number | null {
  const digits = currencyDigits(currency);
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(/^[^\d.,-]{1,4}/, '');
  const match = /^(\d{1,9})?(?:[.,](\d*))?$/.exec(cleaned);
  if (match === null || cleaned === '' || cleaned === '.' || cleaned === ',') return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** The decimal mark people write in the active language: a comma where money reads "5,60 €", else a dot. */
export function decimalMark(): '.' | ',' {
  const part = new Intl.NumberFormat(intlLocale()).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

/**
 * Minor units → the plain text a textbox shows ("12.50", "12,50" in German, "1200" for JPY): no symbol, no
 * thousands separator, exact; parseMoney reads either mark back.
 */
export function moneyInputText(minor: number, currency: string | null, mark = decimalMark()): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const sign = minor < 0 ? '-' : '';
  return `${sign}${text.slice(0, -digits)}${mark}${text.slice(-digits)}`;
}

/** Banknotes a customer hands over, in major units, by currency; other currencies use DEFAULT_NOTES. */
const NOTES: Record<string, readonly number[]> = {
  EUR: [5, 10, 20, 50, 100, 200],
  USD: [1, 5, 10, 20, 50, 100],
  GBP: [5, 10, 20, 50],
  CHF: [10, 20, 50, 100, 200],
  JPY: [1000, 2000, 5000, 10000],
  SEK: [20, 50, 100, 200, 500],
  NOK: [50, 100, 200, 500],
  DKK: [50, 100, 200, 500],
  PLN: [10, 20, 50, 100, 200],
  CAD: [5, 10, 20, 50, 100],
  AUD: [5, 10, 20, 50, 100],
};
const DEFAULT_NOTES: readonly number[] = [5, 10, 20, 50, 100];

/**
 * The quick `Tendered` amounts: the exact amount, then the next few notes above it (a note that is exactly the
 * amount is the exact button already). At most `count` in all.
 */
export function quickAmounts(dueCents: number, currency: string | null, count = 4): number[] {
  if (dueCents <= 0) return [];
  const unit = 10 ** currencyDigits(currency);
  const notes = (currency !== null ? NOTES[currency] : undefined) ?? DEFAULT_NOTES;
  const out = [dueCents];
  for (const note of notes) {
    const minor = note * unit;
    if (minor > dueCents) out.push(minor);
    if (out.length >= count) break;
  }
  return out;
}
