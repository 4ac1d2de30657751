// The page's words: Lingui's runtime with the active language's compiled catalogue, loaded on its own
// (`import()`, one chunk per language, all precached so a device switches offline). `t` reads a message by
// id; the `Language` choice is per device (localStorage), else the browser's languages.
import { i18n, type Messages } from '@lingui/core';
import { DEFAULT_LOCALE, isLocale, isRtl, matchLocale, type Locale } from '../protocol/locales.ts';

const STORAGE_KEY = 'orderline.language';

type Catalogue = () => Promise<{ messages: Messages }>;

/** One loader per language, spelled out so the bundler makes one chunk each: the first paint's words. */
const CATALOGUES: Record<Locale, Catalogue> = {
  en: () => import('./locales/en/messages.ts'),
  de: () => import('./locales/de/messages.ts'),
  fr: () => import('./locales/fr/messages.ts'),
  es: () => import('./locales/es/messages.ts'),
  ar: () => import('./locales/ar/messages.ts'),
};

/** The rest of each language's words (other screens, dialogs, alerts), loaded once the first list is painted. */
const MORE: Record<Locale, Catalogue> = {
  en: () => import('./locales/en/more.ts'),
  de: () => import('./locales/de/more.ts'),
  fr: () => import('./locales/fr/more.ts'),
  es: () => import('./locales/es/more.ts'),
  ar: () => import('./locales/ar/more.ts'),
};

/** Loads the active language's `more` words once; until the first call nothing is fetched. */
let loadMore: () => Promise<void> = () => Promise.resolve();
let allWords: Promise<void> | null = null;

/**
 * Resolves once the active language's `more` words are in: lazy screens and parts wait for it. The first call
 * starts the load: main.tsx calls it once the first list is painted, a tap on a dialog sooner.
 */
export function whenAllWords(): Promise<void> {
  allWords ??= loadMore();
  return allWords;
}

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
export async function activate(locale: Locale, { waitForAll = false } = {}): Promise<void> {
  const more = waitForAll ? MORE[locale]() : null;
  const { messages } = await CATALOGUES[locale]();
  i18n.loadAndActivate({ locale, messages });
  // Merged in when it comes (a re-render, not a remount: the language is the same). A start loads them after
  // the first list is painted: evaluating hundreds of other screens' messages must not delay it.
  allWords = null;
  loadMore = () =>
    (more ?? MORE[locale]()).then(
      (rest) => i18n.load(locale, rest.messages),
      (error: unknown) => console.warn(`the ${locale} words for other screens did not load`, error),
    );
  if (waitForAll) await whenAllWords();
  if (typeof document === 'undefined') return; // unit tests
  const root = document.documentElement;
  root.lang = locale;
  root.dir = isRtl(locale) ? 'rtl' : 'ltr';
}

/** The `Language` combobox's change: kept on this device and applied at once (the app re-renders). */
export async function chooseLocale(locale: Locale): Promise<void> {
  await activate(locale, { waitForAll: true });
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
