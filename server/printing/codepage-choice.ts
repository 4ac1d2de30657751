// Which code page a job goes out in: the first of the printer's pages (Epson numbering) that has the menu's
// currency sign and the shop's letters (principle 23). Whatever the page still cannot show is replaced by
// the encoder ('?'), never sent as raw UTF-8.

import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';

/**
 * The Epson ESC t numbering (the encoder's `epson` mapping), so the virtual printer can decode what the
 * encoder selected. Index = the number after ESC t; empty = unassigned.
 */
export const EPSON_CODEPAGES: readonly (Codepage | undefined)[] = [
  'cp437',
  'epson/katakana',
  'cp850',
  'cp860',
  'cp863',
  'cp865',
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  'cp851',
  'cp853',
  'cp857',
  'cp737',
  'iso8859-7',
  'windows1252',
  'cp866',
  'cp852',
  'cp858',
  'thai42',
  'thai11',
  undefined,
  undefined,
  undefined,
  undefined,
  'thai13',
  undefined,
  undefined,
  undefined,
  'tcvn3',
  'tcvn3capitals',
  'cp720',
  'cp775',
  'cp855',
  'cp861',
  'cp862',
  'cp864',
  'cp869',
  'epson/iso8859-2',
  'iso8859-15',
  'cp1098',
  'cp774',
  'cp772',
  'cp1125',
  'windows1250',
  'windows1251',
  'windows1253',
  'windows1254',
  'windows1255',
  'windows1256',
  'windows1257',
  'windows1258',
  'rk1048',
];

/** Pages tried in order: Western Europe with € first (it has £, ä, é, ñ too), then the others. */
const CANDIDATES: readonly Codepage[] = [
  'cp858',
  'windows1252',
  'iso8859-15',
  'cp437',
  'cp852',
  'windows1250',
  'cp866',
  'windows1251',
  'cp864',
  'windows1256',
  'cp737',
  'windows1253',
  'cp857',
  'windows1254',
  'cp862',
];

const CURRENCY_SIGNS: Readonly<Record<string, string>> = {
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  CNY: '¥',
  USD: '$',
  CAD: '$',
  AUD: '$',
  NZD: '$',
  MXN: '$',
  RUB: '₽',
  PLN: 'zł',
  CZK: 'Kč',
  TRY: '₺',
  ILS: '₪',
  INR: '₹',
  KRW: '₩',
  CHF: 'CHF',
  SEK: 'kr',
  NOK: 'kr',
  DKK: 'kr',
};

/** Letters a language's receipts need, beyond ASCII. */
const LANGUAGE_LETTERS: Readonly<Record<string, string>> = {
  de: 'äöüßÄÖÜ',
  fr: 'éèêëàâçîïôùûÉÈÀÇ',
  es: 'ñÑáéíóúü¿¡',
  it: 'àèéìòù',
  pt: 'ãõáâçéêíóôú',
  nl: 'ëïé',
  pl: 'ąćęłńóśźż',
  cs: 'čďěňřšťůž',
  ru: 'абвгдежзийклмнопрстуфхцчшщъыьэюя',
  el: 'αβγδεζηθικλμνξοπρστυφχψω',
  ar: 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
  he: 'אבגדהוזחטיכלמנסעפצקרשת',
  tr: 'çğıöşüÇĞİÖŞÜ',
  en: '£',
};

/** The sign printed for `currency` (ISO 4217); the code itself when the sign is unknown. */
export function currencySign(currency: string): string {
  return CURRENCY_SIGNS[currency.toUpperCase()] ?? currency.toUpperCase();
}

function encodesAll(codepage: Codepage, sample: string): boolean {
  const bytes = CodepageEncoder.encode(sample, codepage);
  const questionMarks = [...sample].filter((char) => char === '?').length;
  return bytes.filter((byte) => byte === 0x3f).length === questionMarks;
}

/** The code page for a shop's currency and language (BCP 47, e.g. `de-DE`); cp858 when none has both. */
export function chooseCodepage(currency: string, locale: string): Codepage {
  const language = locale.split('-')[0]?.toLowerCase() ?? 'en';
  const sample = `${currencySign(currency)}${LANGUAGE_LETTERS[language] ?? ''}`;
  const letters = LANGUAGE_LETTERS[language] ?? '';
  // Letters before the sign when no page has both: a word garbled is worse than a sign spelled `?`.
  return (
    CANDIDATES.find((page) => encodesAll(page, sample)) ??
    CANDIDATES.find((page) => encodesAll(page, letters)) ??
    'cp858'
  );
}
