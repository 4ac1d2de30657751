// How money and ages read on the screens ("€4.50", "2 min"), in the active language and the menu's currency
// with that currency's own decimals (JPY 0, EUR 2, KWD 3).
import { currencyDigits, minorToMajor } from '../protocol/currency-digits.ts';
import { intlLocale, t } from './i18n.ts';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * `currency` is null until the menu (which names it) has loaded: then the amount shows without a symbol, two
 * decimals (currencyDigits of no code), in the same locale.
 */
export function formatMoney(cents: number, currency: string | null): string {
  const code = currency ?? '';
  const locale = intlLocale();
  const key = `${locale}/${code}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const digits = currencyDigits(code);
    format = new Intl.NumberFormat(locale, {
      ...(currency === null ? {} : { style: 'currency', currency }),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  return format.format(minorToMajor(cents, code));
}

/** Whole minutes since `iso` at `nowMs`: "just now" under a minute, then "N min", then "N h M min". */
export function formatAge(iso: string, nowMs: number): string {
  const minutes = Math.floor((nowMs - Date.parse(iso)) / 60_000);
  if (!(minutes >= 1)) return t('age.justNow');
  if (minutes < 60) return t('age.minutes', { minutes });
  const rest = minutes % 60;
  const hours = Math.floor(minutes / 60);
  return rest === 0 ? t('age.hours', { hours }) : t('age.hoursMinutes', { hours, minutes: rest });
}
