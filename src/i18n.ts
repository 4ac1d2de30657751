// The page's words: Lingui's runtime with the active language's compiled catalogue, loaded on its own
// (`import()`, one chunk per language, all precached so a device switches offline). `t` reads a message by
// id; the `Language` choice is per device (localStorage), else the browser's languages.
import { i18n, type Messages } from '@lingui/core';
import { DEFAULT_LOCALE, isLocale, isRtl, matchLocale, type Locale } from '../protocol/locales.ts';

const STORAGE_KEY = 'orderline.language';

/** One loader per language, spelled out so the bundler makes one chunk each. */
const CATALOGUES: Record<Locale, () => Promise<{ messages: Messages }>> = {
  en: () => import('./locales/en/messages.ts'),
  de: () => import('./locales/de/messages.ts'),
  fr: () => import('./locales/fr/messages.ts'),
  es: () => import('./locales/es/messages.ts'),
  ar: () => import('./locales/ar/messages.ts'),
};

/** A message in the active language; `values` fill its ICU placeholders and plurals. */
export function t(id: string, values?: Record<string, unknown>): string {
  return i18n._(id, values);
}

export function activeLocale(): Locale {
  return isLocale(i18n.locale) ? i18n.locale : DEFAULT_LOCALE;
}

/** The language this device chose, if any (blocked storage counts as none). */
function storedChoice(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The locale Intl formats numbers, money and dates in: the active language, with Latin digits in Arabic so
 * order numbers, prices and times read alike on every device (decided in docs/decisions.md).
 */
export function intlLocale(): string {
  const locale = activeLocale();
  return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}

/** The device's choice, else the first of the browser's languages Orderline has, else English. */
export function startLocale(): Locale {
  return storedChoice() ?? matchLocale(navigator.languages ?? [navigator.language]);
}

/** Loads a language's catalogue and makes it the page's: `<html lang dir>` follow, so Arabic lays out RTL. */
export async function activate(locale: Locale): Promise<void> {
  const { messages } = await CATALOGUES[locale]();
  i18n.loadAndActivate({ locale, messages });
  if (typeof document === 'undefined') return; // unit tests
  const root = document.documentElement;
  root.lang = locale;
  root.dir = isRtl(locale) ? 'rtl' : 'ltr';
}

/** The `Language` combobox's change: kept on this device and applied at once (the app re-renders). */
export async function chooseLocale(locale: Locale): Promise<void> {
  await activate(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage blocked: the choice lasts until the tab closes
  }
}

/** Calls `listener` after each change of language; returns the unsubscribe. */
export function onLocaleChange(listener: () => void): () => void {
  return i18n.on('change', listener);
}
