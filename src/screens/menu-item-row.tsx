// One item on the Menu screen: its price, a `Sold out` toggle, and Edit (name, price, category) and Archive.
// Memoised: with 300 items, typing in one row re-renders that row only.
import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import type { MenuCategory, MenuItem, MenuItemBody } from '../../protocol/menu.ts';
import { formatMoney } from '../display-format.ts';
import { centsFrom } from './menu-edits.ts';

export interface MenuItemRowProps {
  item: MenuItem;
  categories: readonly MenuCategory[];
  currency: string;
  /** The server's message for this item's last failed edit. */
  error: string | undefined;
  save(id: string, body: MenuItemBody): Promise<boolean>;
  archive(id: string): void;
}

export const MenuItemRow = memo(function MenuItemRow(props: MenuItemRowProps) {
  const { item, categories, currency, error } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const [price, setPrice] = useState((item.priceCents / 100).toFixed(2));
  const [category, setCategory] = useState(item.category);
  const errorId = `menu-item-error-${item.id}`;

  const startEditing = () => {
    setName(item.name);
    setPrice((item.priceCents / 100).toFixed(2));
    setCategory(item.category);
    setEditing(true);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = { name, priceCents: centsFrom(price), category, available: item.available };
    if (await props.save(item.id, body)) setEditing(false);
  };

  return (
    <li class="menu-item" data-item-id={item.id}>
      {editing ? (
        <form class="menu-item-form" onSubmit={submit} aria-label={`Edit ${item.name}`}>
          <label>
            Name
            <input
              value={name}
              onInput={(event) => setName(event.currentTarget.value)}
              aria-label={`Name of ${item.name}`}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
          <label>
            Price
            <input
              value={price}
              inputMode="decimal"
              onInput={(event) => setPrice(event.currentTarget.value)}
              aria-label={`Price of ${item.name}`}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
          <label>
            Category
            <select
              value={category}
              onChange={(event) => setCategory(event.currentTarget.value)}
              aria-label={`Category of ${item.name}`}
            >
              {categories.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Save</button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span class="menu-item-name">{item.name}</span>
          <span class="menu-item-price">{formatMoney(item.priceCents, currency)}</span>
          <label class="menu-item-sold-out">
            <input
              type="checkbox"
              checked={!item.available}
              onChange={(event) =>
                void props.save(item.id, {
                  name: item.name,
                  priceCents: item.priceCents,
                  category: item.category,
                  available: !event.currentTarget.checked,
                })
              }
              aria-label={`Sold out: ${item.name}`}
            />
            Sold out
          </label>
          <button type="button" onClick={startEditing} aria-label={`Edit ${item.name}`}>
            Edit
          </button>
          <button type="button" onClick={() => props.archive(item.id)} aria-label={`Archive ${item.name}`}>
            Archive
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
