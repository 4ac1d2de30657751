// The Menu screen's items: one section per category (Up / Down to reorder), each a list of compact rows.
import type { MenuItem } from '../../protocol/menu.ts';
import { groupItems } from './menu-groups.ts';
import { moveCategory } from './menu-edits.ts';
import type { ItemChange } from './menu-pricing-edits.ts';
import type { MenuPartProps } from './menu-run.ts';
import { MenuItemRow } from './menu-item-row.tsx';
import { MenuError } from './menu-error.tsx';
import { t } from '../i18n.ts';

export interface MenuItemsProps extends MenuPartProps {
  save(item: MenuItem, change: ItemChange): Promise<boolean>;
  archive(item: MenuItem): void;
}

export function MenuItems({ menu, run, errors, save, archive }: MenuItemsProps) {
  return (
    <div class="menu-items" role="region" aria-label={t('menu.items')}>
      {groupItems(menu).map(({ category, items }, index, groups) => (
        <section key={category.id} class="menu-category" aria-labelledby={`menu-category-${category.id}`}>
          <div class="menu-category-head">
            <h3 id={`menu-category-${category.id}`}>{category.name}</h3>
            <button
              type="button"
              disabled={index === 0}
              onClick={() => void run(category.id, (m) => moveCategory(m, category.id, -1))}
              aria-label={t('menu.moveUp', { name: category.name })}
            >
              {t('menu.up')}
            </button>
            <button
              type="button"
              disabled={index === groups.length - 1}
              onClick={() => void run(category.id, (m) => moveCategory(m, category.id, 1))}
              aria-label={t('menu.moveDown', { name: category.name })}
            >
              {t('menu.down')}
            </button>
          </div>
          <MenuError message={errors[category.id]} />
          <ul class="menu-rows" aria-label={category.name}>
            {items.map((item) => (
              <MenuItemRow
                key={item.id}
                item={item}
                categories={menu.categories}
                currency={menu.currency}
                groups={menu.optionGroups}
                taxRates={menu.taxRates}
                error={errors[item.id]}
                save={save}
                archive={archive}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
