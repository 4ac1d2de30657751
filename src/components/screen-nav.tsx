// The `Screens` navigation: one link per screen this device's role may use, the current one marked.
import { useLocation } from 'preact-iso';
import type { Role } from '../../protocol/roles.ts';
import { screensFor } from '../screens/screen-table.ts';
import { t } from '../i18n.ts';

export function ScreenNav({ role }: { role: Role | null }) {
  const { path } = useLocation();
  return (
    <nav aria-label={t('nav.screens')} class="screen-nav">
      <ul>
        {screensFor(role).map((screen) => (
          <li key={screen.path}>
            <a href={screen.path} aria-current={screen.path === path ? 'page' : undefined}>
              {t(screen.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
