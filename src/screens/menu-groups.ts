// The Menu screen's grouping: every category in menu order (empty ones too, so items can be moved into
// them), each with its items; items of a category the menu does not list go last under their id.
import type { MenuCategory, MenuItem, MenuResponse } from '../../protocol/menu.ts';

export interface MenuGroup {
  category: MenuCategory;
  items: MenuItem[];
}

export function groupItems(menu: Pick<MenuResponse, 'categories' | 'items'>): MenuGroup[] {
  const groups = new Map<string, MenuGroup>(
    menu.categories.map((category) => [category.id, { category, items: [] }]),
  );
  for (const item of menu.items) {
    let group = groups.get(item.category);
    if (!group) {
      group = { category: { id: item.category, name: item.category }, items: [] };
      groups.set(item.category, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}
