// The menu as large buttons grouped by category; each button is named "Add <item name>". A sold-out
// item stays listed, says `Sold out` and cannot be added.
import { Component } from 'preact';
import type { MenuResponse, MenuItem } from '../../protocol/menu.ts';
import { formatMoney } from '../display-format.ts';
import { groupByCategory } from '../menu.ts';
import { t } from '../i18n.ts';

export interface MenuGridProps {
  menu: MenuResponse | null;
  error: string | null;
  onAdd: (item: MenuItem) => void;
}

export function MenuGrid({ menu, error, onAdd }: MenuGridProps) {
  return (
    // `id` and tabIndex: the header's `Skip to menu` link lands here, and the next Tab is the first item.
    <section id="menu" tabIndex={-1} class="panel menu-panel" aria-labelledby="menu-heading">
      <h2 id="menu-heading">{t('menu.heading')}</h2>
      {error ? <p class="error">{error}</p> : null}
      {!menu && !error ? <p class="empty">{t('menu.loading')}</p> : null}
      {menu
        ? groupByCategory(menu).map(([category, items]) => (
            <div class="menu-category" key={category}>
              <h3>{category}</h3>
              <div class="menu-grid">
                {items.map((item) => (
                  <button
                    type="button"
                    class="menu-item"
                    key={item.id}
                    aria-label={t('menu.add', { item: item.name })}
                    // Part 3: an item with option groups opens the options dialog instead of adding at once.
                    aria-haspopup={(item.optionGroups ?? []).length > 0 ? 'dialog' : undefined}
                    aria-describedby={item.available ? undefined : `sold-out-${item.id}`}
                    disabled={!item.available}
                    onClick={() => onAdd(item)}
                  >
                    <span class="menu-item-name">{item.name}</span>
                    {item.available ? (
                      <span class="menu-item-price">{formatMoney(item.priceCents, menu.currency)}</span>
                    ) : (
                      <span class="menu-item-sold-out" id={`sold-out-${item.id}`}>
                        {t('menu.soldOut')}
                      </span>
                    )}
                  </button>
                ))}
              </div>
            </div>
          ))
        : null}
    </section>
  );
}

/**
 * The grid as the Counter uses it: every tap and keystroke changes the cart and re-renders the screen, and the
 * menu is the largest part of it while changing only with a new menu version. Skipping it keeps the work a
 * placed order's click triggers (clearing the cart) small, so the row it adds is not drawn behind it.
 */
export class PureMenuGrid extends Component<MenuGridProps> {
  override shouldComponentUpdate(next: MenuGridProps): boolean {
    const prev = this.props;
    return next.menu !== prev.menu || next.error !== prev.error || next.onAdd !== prev.onAdd;
  }

  override render() {
    return <MenuGrid {...this.props} />;
  }
}
