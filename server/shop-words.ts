// The server's words in the shop's language (DESIGN.md principle 25): setup page, receipts, kitchen tickets
// and CSV headers, from the `server` catalogues (src/locales/<locale>/server.po). One Lingui instance per
// language, made once and never switched, so two requests in two languages never share state.
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { matchLocale, type Locale } from '../protocol/locales.ts';
import { messages as ar } from '../src/locales/ar/server.ts';
import { messages as de } from '../src/locales/de/server.ts';
import { messages as en } from '../src/locales/en/server.ts';
import { messages as es } from '../src/locales/es/server.ts';
import { messages as fr } from '../src/locales/fr/server.ts';

const CATALOGUES: Record<Locale, Messages> = { en, de, fr, es, ar };

export interface ShopWords {
  /** The catalogue's language (`de` for a shop set to `de-AT`; `en` for one we have no words for). */
  readonly locale: Locale;
  /** The shop's own tag for Intl (`de-AT` formats like Austria), Latin digits in Arabic as on the page. */
  readonly intlLocale: string;
  /** A message by id; `values` fill its ICU placeholders. */
  t(id: string, values?: Record<string, unknown>): string;
}

const made = new Map<string, ShopWords>();

/** The Intl tag for a shop locale: itself when Intl takes it, the catalogue's language otherwise. */
function intlTag(tag: string, locale: Locale): string {
  let chosen: string = locale;
  try {
    chosen = Intl.getCanonicalLocales(tag)[0] ?? locale;
  } catch {
    // not a BCP 47 tag: the catalogue's language
  }
  // Order numbers, prices and times read alike on every device (docs/decisions.md, as src/i18n.ts).
  return locale === 'ar' && !chosen.includes('-u-') ? `${chosen}-u-nu-latn` : chosen;
}

/** The words for a shop locale (settings `locale`, BCP 47): matched by language, English when we lack it. */
export function shopWords(tag: string | undefined): ShopWords {
  const key = tag ?? 'en';
  let words = made.get(key);
  if (!words) {
    const locale = matchLocale([key]);
    const i18n: I18n = setupI18n({ locale, messages: { [locale]: CATALOGUES[locale] } });
    words = { locale, intlLocale: intlTag(key, locale), t: (id, values) => i18n._(id, values) };
    // A handful of locales in practice; the settings schema caps the tag's length.
    if (made.size < 64) made.set(key, words);
  }
  return words;
}

/** English: the words a caller that knows no shop gets, and what the tests compare byte for byte. */
export const ENGLISH: ShopWords = shopWords('en');
