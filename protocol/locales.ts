// The languages Orderline speaks (DESIGN.md principle 25) and how a list of language tags picks one: shared
// by the page (browser languages, the device's choice) and the server (the shop's `locale` setting).

export const LOCALES = ['en', 'de', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, for the `Language` combobox (a reader looks for their own language). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Right-to-left languages lay the whole page out mirrored. */
export function isRtl(locale: Locale): boolean {
  return locale === 'ar';
}

/** The first tag whose language Orderline has ("de-AT" → de), else English. */
export function matchLocale(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}
