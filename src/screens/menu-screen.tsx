// The Menu screen (`/menu`, owner): `Add an item`, `Add a category` and export/import at the top, items as
// compact rows by category (Sold out switch, edit, archive with undo), categories moved up or down, then
// option groups, tax rates and discounts (Part 3). Edits need the server (never queued): offline, it says
// so and every control is disabled. A 4xx shows the server's message next to what it concerns.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MenuItem, MenuResponse } from '../../protocol/menu.ts';
import { describeFailure } from '../api-request.ts';
import { archiveItem, fetchMenu, putItem } from './menu-edits.ts';
import { itemBody, type ItemChange } from './menu-pricing-edits.ts';
import { createEditQueue, type MenuEdit } from './menu-run.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import type { ScreenProps } from './screen-props.ts';
import { ConnectionBanners } from './connection-banners.tsx';
import { MenuItemAdd } from './menu-item-add.tsx';
import { MenuCategoryAdd } from './menu-category-add.tsx';
import { MenuTransfer } from './menu-transfer.tsx';
import { MenuItems } from './menu-items.tsx';
import { MenuArchived } from './menu-archived.tsx';
import { MenuOptionGroups } from './menu-option-groups.tsx';
import { MenuTaxRates } from './menu-tax-rates.tsx';
import { MenuDiscounts } from './menu-discounts.tsx';
import { t } from '../i18n.ts';
import './menu-screen.css';

/** A function, not a constant: the words are the active language's at the time they are shown. */
const needsConnection = () => t('menu.needsConnection');

export default function MenuScreen(_props: ScreenProps) {
  const online = useBrowserOnline();
  const [menu, setShownMenu] = useState<MenuResponse | null>(null);
  // Edits read the newest menu here, so memoised rows never send a stale If-Match.
  const menuRef = useRef<MenuResponse | null>(null);
  const setMenu = useCallback((next: MenuResponse) => {
    menuRef.current = next;
    setShownMenu(next);
  }, []);
  const [error, setError] = useState<string | null>(null);
  /** One edit at a time, each on the version the previous one answered (menu-run.ts). */
  const [queue] = useState(createEditQueue);
  /** The server's message per key (an item, group, rate or discount id, or `new`, `import` …). */
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Items archived in this session, newest first, and the one the Undo banner offers. */
  const [archived, setArchived] = useState<MenuItem[]>([]);
  const [justArchived, setJustArchived] = useState<MenuItem | null>(null);

  useEffect(() => {
    if (!online) return;
    fetchMenu().then(
      (loaded) => {
        setMenu(loaded);
        setError(null);
      },
      (reason: unknown) =>
        setError(t('menu.loadFailed', { reason: describeFailure(reason, needsConnection()) })),
    );
  }, [online, setMenu]);

  /** Runs one edit on the newest menu; on success shows the menu it answered, else the message under `key`. */
  const run = useCallback(
    (key: string, edit: MenuEdit): Promise<boolean> =>
      queue(async () => {
        try {
          if (!menuRef.current) throw new Error(t('menu.notLoaded'));
          setMenu(await edit(menuRef.current));
          setErrors(({ [key]: _gone, ...rest }) => rest);
          return true;
        } catch (reason) {
          setErrors((all) => ({ ...all, [key]: describeFailure(reason, needsConnection()) }));
          return false;
        }
      }),
    [setMenu, queue],
  );

  const save = useCallback(
    (item: MenuItem, change: ItemChange) => {
      setJustArchived(null);
      return run(item.id, (m) => putItem(m, item.id, itemBody(m, item, change)));
    },
    [run],
  );
  const archive = useCallback(
    (item: MenuItem) =>
      void run(item.id, (m) => archiveItem(m, item.id)).then((ok) => {
        if (!ok) return;
        setArchived((all) => [item, ...all.filter((a) => a.id !== item.id)]);
        setJustArchived(item);
      }),
    [run],
  );
  const restore = useCallback(
    (item: MenuItem) =>
      void run(item.id, (m) => putItem(m, item.id, itemBody(m, item, {}))).then((ok) => {
        if (!ok) return;
        setArchived((all) => all.filter((a) => a.id !== item.id));
        setJustArchived(null);
      }),
    [run],
  );

  return (
    <main class="screen menu-editor">
      <h2>{t('screen.menu')}</h2>
      <ConnectionBanners online={online} needsConnection={needsConnection()} error={error} />
      {menu ? (
        <fieldset disabled={!online} class="menu-editor-body">
          <legend class="visually-hidden">{t('menu.editor', { version: menu.version })}</legend>

          <div class="menu-toolbar">
            <MenuItemAdd menu={menu} run={run} errors={errors} />
            <MenuCategoryAdd run={run} errors={errors} />
            <MenuTransfer run={run} errors={errors} />
          </div>
          <MenuArchived archived={archived} justArchived={justArchived} restore={restore} />
          <MenuItems menu={menu} run={run} errors={errors} save={save} archive={archive} />
          {menu.taxRates !== undefined ? (
            <div class="menu-parts">
              <MenuOptionGroups menu={menu} run={run} errors={errors} />
              <MenuTaxRates menu={menu} run={run} errors={errors} />
              <MenuDiscounts menu={menu} run={run} errors={errors} />
            </div>
          ) : null}
        </fieldset>
      ) : null}
    </main>
  );
}
