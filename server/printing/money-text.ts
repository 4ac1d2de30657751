// Money and times as printed: minor units with the currency's own decimals (JPY 0, EUR 2, KWD 3) and its
// sign, ASCII digits, no locale spaces a code page could not show. Integer arithmetic only.

import { currencyDigits as currencyDecimals } from '../../protocol/currency-digits.ts';
import { currencySign } from './codepage-choice.ts';

/** `1250` EUR → `€12.50`; `-70` → `-€0.70`. */
export function moneyText(cents: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = decimals > 0 ? `.${digits.slice(-decimals)}` : '';
  const symbol = currencySign(currency);
  return `${sign}${symbol}${symbol.length > 1 ? ' ' : ''}${whole}${fraction}`;
}

/** `1900` → `19%`, `750` → `7.5%`. */
export function rateText(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/** Local date and time as printed (`06/12/2026 14:05`), in the shop's time zone when known. */
export function localTimeText(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
  } catch {
    return iso;
  }
}
