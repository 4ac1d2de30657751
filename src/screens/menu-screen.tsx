// The Menu screen (`/menu`, owner): items grouped by category with Sold out toggles, edit, archive and
// add, and categories moved up or down. Edits need the server (never queued): offline, it says so and
// every control is disabled. A 4xx shows the server's message next to the item or form it concerns.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MenuItemBody, MenuResponse } from '../../protocol/menu.ts';
import { describeFailure } from '../api-request.ts';
import { groupItems } from './menu-groups.ts';
import { archiveItem, centsFrom, fetchMenu, moveCategory, newItemId, putItem } from './menu-edits.ts';
import { MenuItemRow } from './menu-item-row.tsx';
import { useBrowserOnline } from '../use-browser-online.ts';
import type { ScreenProps } from './screen-props.ts';
import { ConnectionBanners } from './connection-banners.tsx';

const NEEDS_CONNECTION = 'Editing the menu needs a connection to the server; edits are not kept offline.';

export default function MenuScreen(_props: ScreenProps) {
  const online = useBrowserOnline();
  const [menu, setShownMenu] = useState<MenuResponse | null>(null);
  // Edits read the newest menu here, so memoised rows never send a stale If-Match.
  const menuRef = useRef<MenuResponse | null>(null);
  const setMenu = useCallback((next: MenuResponse) => {
    menuRef.current = next;
    setShownMenu(next);
  }, []);
  const latest = useCallback(async () => {
    if (!menuRef.current) throw new Error('The menu is not loaded yet.');
    return menuRef.current;
  }, []);
  const [error, setError] = useState<string | null>(null);
  /** The server's message per item id (or `new` for the add form). */
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [newName, setNewName] = useState('');
  const [newPrice, setNewPrice] = useState('');
  const [newCategory, setNewCategory] = useState('');

  useEffect(() => {
    if (!online) return;
    fetchMenu().then(
      (loaded) => {
        setMenu(loaded);
        setError(null);
      },
      (reason: unknown) =>
        setError(`The menu could not be loaded: ${describeFailure(reason, NEEDS_CONNECTION)}`),
    );
  }, [online, setMenu]);

  /** Runs one edit; on success shows the menu it answered, else the message under `key`. */
  const run = useCallback(
    async (key: string, edit: () => Promise<MenuResponse>): Promise<boolean> => {
      try {
        setMenu(await edit());
        setItemErrors(({ [key]: _gone, ...rest }) => rest);
        return true;
      } catch (reason) {
        setItemErrors((errors) => ({ ...errors, [key]: describeFailure(reason, NEEDS_CONNECTION) }));
        return false;
      }
    },
    [setMenu],
  );

  const save = useCallback(
    (id: string, body: MenuItemBody) => run(id, async () => putItem(await latest(), id, body)),
    [run, latest],
  );
  const archive = useCallback(
    (id: string) => void run(id, async () => archiveItem(await latest(), id)),
    [run, latest],
  );

  const addItem = async (event: Event) => {
    event.preventDefault();
    if (!menu) return;
    const category = newCategory || menu.categories[0]?.id || '';
    const body = { name: newName, priceCents: centsFrom(newPrice), category, available: true };
    if (
      await run('new', async () =>
        putItem(await latest(), newItemId(newName, new Set(menu.items.map((item) => item.id))), body),
      )
    ) {
      setNewName('');
      setNewPrice('');
    }
  };

  return (
    <main class="screen menu-editor">
      <h2>Menu</h2>
      <ConnectionBanners online={online} needsConnection={NEEDS_CONNECTION} error={error} />
      {menu ? (
        <fieldset disabled={!online} class="menu-editor-body">
          <legend class="visually-hidden">Menu editor (version {menu.version})</legend>
          {groupItems(menu).map(({ category, items }, index, groups) => (
            <section key={category.id} aria-labelledby={`menu-category-${category.id}`}>
              <h3 id={`menu-category-${category.id}`}>{category.name}</h3>
              <button
                type="button"
                disabled={index === 0}
                onClick={() =>
                  void run(category.id, async () => moveCategory(await latest(), category.id, -1))
                }
                aria-label={`Move ${category.name} up`}
              >
                Up
              </button>
              <button
                type="button"
                disabled={index === groups.length - 1}
                onClick={() =>
                  void run(category.id, async () => moveCategory(await latest(), category.id, 1))
                }
                aria-label={`Move ${category.name} down`}
              >
                Down
              </button>
              {itemErrors[category.id] ? <p role="alert">{itemErrors[category.id]}</p> : null}
              <ul aria-label={category.name}>
                {items.map((item) => (
                  <MenuItemRow
                    key={item.id}
                    item={item}
                    categories={menu.categories}
                    currency={menu.currency}
                    error={itemErrors[item.id]}
                    save={save}
                    archive={archive}
                  />
                ))}
              </ul>
            </section>
          ))}
          <form class="menu-add" onSubmit={addItem} aria-label="Add an item">
            <h3>Add an item</h3>
            <label>
              Name <input value={newName} onInput={(event) => setNewName(event.currentTarget.value)} />
            </label>
            <label>
              Price{' '}
              <input
                value={newPrice}
                inputMode="decimal"
                onInput={(event) => setNewPrice(event.currentTarget.value)}
              />
            </label>
            <label>
              Category
              <select
                value={newCategory || menu.categories[0]?.id}
                onChange={(event) => setNewCategory(event.currentTarget.value)}
              >
                {menu.categories.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">Add item</button>
            {itemErrors.new ? <p role="alert">{itemErrors.new}</p> : null}
          </form>
        </fieldset>
      ) : null}
    </main>
  );
}
