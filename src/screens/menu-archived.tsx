// Items archived in this session, each with `Restore <item>` (the newest also as `Undo` right after the
// archive): archiving is one tap, and this is how it is undone (DESIGN "Screens, part 3": ask or undo).
import type { MenuItem } from '../../protocol/menu.ts';
import { t } from '../i18n.ts';

export interface MenuArchivedProps {
  archived: readonly MenuItem[];
  /** The item just archived: an `Undo` banner until the next edit. */
  justArchived: MenuItem | null;
  restore: (item: MenuItem) => void;
}

export function MenuArchived({ archived, justArchived, restore }: MenuArchivedProps) {
  return (
    <>
      {justArchived ? (
        <p class="banner menu-undo" role="status">
          {t('menu.archivedOne', { name: justArchived.name })}{' '}
          <button type="button" onClick={() => restore(justArchived)}>
            {t('menu.undo')}
          </button>
        </p>
      ) : null}
      {archived.length > 0 ? (
        <section class="menu-part" aria-labelledby="menu-archived-heading">
          <h3 id="menu-archived-heading">{t('menu.archived')}</h3>
          <ul class="menu-rows" aria-label={t('menu.archived')}>
            {archived.map((item) => (
              <li class="menu-row" key={item.id}>
                <span class="menu-row-name">{item.name}</span>
                <button
                  type="button"
                  aria-label={t('menu.restoreItem', { name: item.name })}
                  onClick={() => restore(item)}
                >
                  {t('menu.restore')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
