// One item on the Menu screen as a compact row: name, price, its options and rate, a `Sold out` switch, Edit
// (name, price, category, option groups, tax rate) and Archive (undone from the screen's banner).
// Memoised: with 300 items, typing in one row re-renders that row only.
import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import type { MenuCategory, MenuItem, OptionGroup, TaxRate } from '../../protocol/menu.ts';
import { formatMoney } from '../display-format.ts';
import { moneyInputText } from '../money-input.ts';
import { centsFrom } from './menu-edits.ts';
import type { ItemChange } from './menu-pricing-edits.ts';
import { t } from '../i18n.ts';

export interface MenuItemRowProps {
  item: MenuItem;
  categories: readonly MenuCategory[];
  currency: string;
  /** Part 3 data of the menu; undefined from a server before Part 3 (the fields are then not shown). */
  groups: readonly OptionGroup[] | undefined;
  taxRates: readonly TaxRate[] | undefined;
  /** The server's message for this item's last failed edit. */
  error: string | undefined;
  save(item: MenuItem, change: ItemChange): Promise<boolean>;
  archive(item: MenuItem): void;
}

function ItemForm(props: MenuItemRowProps & { onDone: () => void }) {
  const { item, categories, currency, groups, taxRates, error } = props;
  const [name, setName] = useState(item.name);
  const [price, setPrice] = useState(moneyInputText(item.priceCents, currency));
  const [category, setCategory] = useState(item.category);
  const [chosen, setChosen] = useState<string[]>(item.optionGroups ?? []);
  const [rate, setRate] = useState(item.taxRate ?? taxRates?.[0]?.id ?? '');
  const errorId = `menu-item-error-${item.id}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const change = {
      name,
      priceCents: centsFrom(price, currency),
      category,
      ...(groups
        ? { optionGroups: (groups ?? []).map((g) => g.id).filter((id) => chosen.includes(id)) }
        : {}),
      ...(taxRates && rate ? { taxRate: rate } : {}),
    };
    if (await props.save(item, change)) props.onDone();
  };
  return (
    <form class="menu-item-form" onSubmit={submit} aria-label={t('menu.editNamed', { name: item.name })}>
      <label>
        {t('menu.name')}
        <input
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-label={t('menu.nameOf', { name: item.name })}
          aria-describedby={error ? errorId : undefined}
        />
      </label>
      <label>
        {t('menu.price')}
        <input
          value={price}
          inputMode="decimal"
          onInput={(event) => setPrice(event.currentTarget.value)}
          aria-label={t('menu.priceOf', { name: item.name })}
          aria-describedby={error ? errorId : undefined}
        />
      </label>
      <label>
        {t('menu.category')}
        <select
          value={category}
          onChange={(event) => setCategory(event.currentTarget.value)}
          aria-label={t('menu.categoryOf', { name: item.name })}
        >
          {categories.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      {taxRates && taxRates.length > 0 ? (
        <label>
          {t('menu.taxRate')}
          <select
            value={rate}
            onChange={(e) => setRate(e.currentTarget.value)}
            aria-label={t('menu.taxRateOf', { name: item.name })}
          >
            {taxRates.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.rateBasisPoints / 100} %)
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {groups && groups.length > 0 ? (
        <fieldset class="menu-item-groups">
          <legend>{t('menu.optionsOf', { name: item.name })}</legend>
          {groups.map((group) => (
            <label class="menu-switch" key={group.id}>
              <input
                type="checkbox"
                checked={chosen.includes(group.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setChosen((all) => (on ? [...all, group.id] : all.filter((id) => id !== group.id)));
                }}
              />
              <span>{group.name}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <span class="menu-item-form-actions">
        <button type="submit" class="primary">
          {t('menu.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('menu.cancel')}
        </button>
      </span>
    </form>
  );
}

export const MenuItemRow = memo(function MenuItemRow(props: MenuItemRowProps) {
  const { item, currency, error, groups } = props;
  const [editing, setEditing] = useState(false);
  const errorId = `menu-item-error-${item.id}`;
  const groupNames = (item.optionGroups ?? [])
    .map((id) => groups?.find((g) => g.id === id)?.name)
    .filter((n): n is string => n !== undefined);

  return (
    <li class={`menu-row${item.available ? '' : ' is-sold-out'}`} data-item-id={item.id}>
      {editing ? (
        <ItemForm {...props} onDone={() => setEditing(false)} />
      ) : (
        <>
          <span class="menu-row-name">{item.name}</span>
          <span class="menu-row-price">{formatMoney(item.priceCents, currency)}</span>
          <span class="menu-row-detail">{groupNames.join(', ')}</span>
          <label class="menu-switch">
            <input
              type="checkbox"
              checked={!item.available}
              onChange={(event) => void props.save(item, { available: !event.currentTarget.checked })}
              aria-label={t('menu.soldOutOf', { name: item.name })}
            />
            <span aria-hidden="true">{t('menu.soldOut')}</span>
          </label>
          <button
            type="button"
            onClick={() => setEditing(true)}
            aria-label={t('menu.editNamed', { name: item.name })}
          >
            {t('menu.edit')}
          </button>
          <button
            type="button"
            onClick={() => props.archive(item)}
            aria-label={t('menu.archiveNamed', { name: item.name })}
          >
            {t('menu.archive')}
          </button>
        </>
      )}
      {error ? (
        <p id={errorId} class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
});
