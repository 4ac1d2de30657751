// Lingui: the catalogues (src/locales/<locale>/{messages,more}.po, explicit ids, ICU MessageFormat) and how
// `npm run i18n:compile` turns each into a small TypeScript module the page loads alone and the server imports
// (the server's own words: src/locales/<locale>/server.po).
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
    // `server`: the words the server renders in the shop's language (setup page, receipts, tickets, CSV);
    // only server/shop-words.ts imports these modules, so they never reach the page's bundle.
    { path: '<rootDir>/src/locales/{locale}/server', include: ['server'] },
  ],
  format: formatter({ explicitIdAsDefault: true }),
  compileNamespace: 'ts',
});
