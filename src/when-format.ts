// Dates and times on the money screens (drawer, Z report, history) in the active language's Intl locale; one
// formatter per locale and style, made again when the language changes.
import { intlLocale } from './i18n.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** "6 Dec 2026, 11:40" (`short`) or with seconds (`medium`), as the active language writes it. */
export function formatDateTime(iso: string, time: 'short' | 'medium' = 'short'): string {
  const locale = intlLocale();
  const key = `${locale}/${time}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: time });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}
