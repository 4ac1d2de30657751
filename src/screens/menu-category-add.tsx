// `Add a category` on the Menu screen: a name; it goes last and can be moved up.
import { useState } from 'preact/hooks';
import { addCategory } from './menu-pricing-edits.ts';
import { freshId, type MenuPartProps } from './menu-run.ts';
import { MenuError } from './menu-error.tsx';
import { t } from '../i18n.ts';

export function MenuCategoryAdd({ run, errors }: Omit<MenuPartProps, 'menu'>) {
  const [name, setName] = useState('');
  return (
    <form
      class="menu-inline-form"
      aria-label={t('menu.addCategoryForm')}
      onSubmit={(event) => {
        event.preventDefault();
        void run('category-new', (menu) =>
          addCategory(
            menu,
            freshId(
              name,
              menu.categories.map((c) => c.id),
            ),
            name,
          ),
        ).then((ok) => ok && setName(''));
      }}
    >
      <input
        aria-label={t('menu.newCategoryName')}
        placeholder={t('menu.newCategory')}
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <button type="submit">{t('menu.addCategory')}</button>

      <MenuError message={errors['category-new']} />
    </form>
  );
}
