// The shell's notices for a path this device cannot show: a screen its role may not use, or no screen at all.
// Their own chunk, after the first paint (app.tsx): a counter's start, at `/`, shows neither.
import type { Role } from '../../protocol/roles.ts';
import { homePathFor, type ScreenEntry } from '../screens/screen-table.ts';
import { t } from '../i18n.ts';
import { roleWord } from '../role-words.ts';

export function NotAvailable({ entry, role }: { entry: ScreenEntry; role: Role | null }) {
  return (
    <main class="screen">
      <p class="banner problem" role="alert">
        {t('app.notAvailable', {
          screen: t(entry.label),
          role: role === null ? t('app.role.unknown') : roleWord(role),
        })}{' '}
        <a href={homePathFor(role)}>{t('app.goHome')}</a>
      </p>
    </main>
  );
}

export function NoSuchScreen({ role }: { role: Role | null }) {
  return (
    <main class="screen">
      <h2>{t('app.noSuchScreen')}</h2>
      <p>
        <a href={homePathFor(role)}>{t('app.goHome')}</a>
      </p>
    </main>
  );
}
