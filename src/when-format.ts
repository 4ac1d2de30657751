// Dates and times on the money screens (drawer, Z report, history) in the active language's Intl locale, on the
// shop's clock (its time zone from Settings, as receipts and CSV show it); one formatter per locale, style and zone.
import { intlLocale } from './i18n.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** "6 Dec 2026, 11:40" (`short`) or with seconds (`medium`), as the active language writes it, in `timeZone`. */
export function formatDateTime(iso: string, timeZone: string, time: 'short' | 'medium' = 'short'): string {
  const locale = intlLocale();
  const key = `${locale}/${time}/${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: time, timeZone });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}
