// The choices the Settings screen offers for the shop's locale and time zone: common café locales named in
// their own language (Intl.DisplayNames), every IANA zone this browser knows, and the saved value always.

/** Locales a receipt or report is most likely kept in; any other saved value is added to the list. */
const COMMON_LOCALES = [
  'en',
  'en-GB',
  'en-US',
  'en-AU',
  'en-CA',
  'en-IE',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-BE',
  'fr-CA',
  'fr-CH',
  'es-ES',
  'es-MX',
  'it-IT',
  'nl-NL',
  'pt-PT',
  'pt-BR',
  'pl-PL',
  'sv-SE',
  'da-DK',
  'nb-NO',
  'fi-FI',
  'cs-CZ',
  'tr-TR',
  'el-GR',
  'ar',
  'ar-AE',
  'ja-JP',
  'zh-CN',
  'ko-KR',
] as const;

export interface Choice {
  value: string;
  label: string;
}

function localeName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

export function localeChoices(saved: string): Choice[] {
  const tags: string[] = COMMON_LOCALES.includes(saved as (typeof COMMON_LOCALES)[number])
    ? [...COMMON_LOCALES]
    : [saved, ...COMMON_LOCALES];
  return tags.map((value) => ({ value, label: localeName(value) }));
}

export function timeZoneChoices(saved: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(['UTC', ...zones]);
  if (saved !== '') all.add(saved);
  return [...all];
}

/** The address box's text as the API's lines: trimmed, blank lines dropped. */
export function addressLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
