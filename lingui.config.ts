// Lingui: the catalogues (src/locales/<locale>/{messages,more}.po, explicit ids, ICU MessageFormat) and how
// `npm run i18n:compile` turns each into a small TypeScript module the page loads alone and the server imports.
import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-po';

export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'de', 'fr', 'es', 'ar'],
  fallbackLocales: { default: 'en' },
  // `messages`: the words the counter's first paint needs (counted in the bundle); `more`: everything else,
  // loaded right after it (src/i18n.ts).
  catalogs: [
    { path: '<rootDir>/src/locales/{locale}/messages', include: ['src'] },
    { path: '<rootDir>/src/locales/{locale}/more', include: ['src'] },
  ],
  format: formatter({ explicitIdAsDefault: true }),
  compileNamespace: 'ts',
});
