// `Add an item` at the top of the Menu screen: name, price and category in one line.
import { useState } from 'preact/hooks';
import { centsFrom, newItemId, putItem } from './menu-edits.ts';
import type { MenuPartProps } from './menu-run.ts';
import { MenuError } from './menu-error.tsx';
import { t } from '../i18n.ts';

export function MenuItemAdd({ menu, run, errors }: MenuPartProps) {
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [category, setCategory] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      name,
      priceCents: centsFrom(price, menu.currency),
      category: category || menu.categories[0]?.id || '',
      available: true,
    };
    const ok = await run('new', (m) =>
      putItem(m, newItemId(name, new Set(m.items.map((item) => item.id))), body),
    );
    if (ok) {
      setName('');
      setPrice('');
    }
  };
  return (
    <form class="menu-add menu-inline-form" onSubmit={submit} aria-label={t('menu.addItemForm')}>
      <h3>{t('menu.addItemForm')}</h3>
      <label>
        {t('menu.name')} <input value={name} onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      <label>
        {t('menu.price')}{' '}
        <input
          class="menu-narrow"
          value={price}
          inputMode="decimal"
          onInput={(event) => setPrice(event.currentTarget.value)}
        />
      </label>
      <label>
        {t('menu.category')}
        <select
          value={category || menu.categories[0]?.id}
          onChange={(event) => setCategory(event.currentTarget.value)}
        >
          {menu.categories.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary">
        {t('menu.addItem')}
      </button>
      <MenuError message={errors.new} />
    </form>
  );
}
