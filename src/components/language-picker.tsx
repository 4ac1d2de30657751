// The `Language` combobox (DESIGN.md principle 25): this device's language, kept on the device and applied at
// once. Each language is named in itself; the list is the same in every language.
import { LOCALE_NAMES, LOCALES, isLocale } from '../../protocol/locales.ts';
import { activeLocale, chooseLocale, t } from '../i18n.ts';

export function LanguagePicker() {
  return (
    <label class="field language-picker">
      <span>{t('language.label')}</span>
      <select
        value={activeLocale()}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isLocale(value)) void chooseLocale(value).catch((error: unknown) => console.warn(error));
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
