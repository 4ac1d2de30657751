// The café menu the server prices orders from. Ids are stable slugs clients send as menuItemId;
// names and prices on orders always come from here, never from the client.

import type { MenuItem, MenuResponse } from '../protocol/api.ts';

export const MENU_CURRENCY = 'EUR';

export const MENU_ITEMS: readonly MenuItem[] = [
  { id: 'espresso', name: 'Espresso', priceCents: 250, category: 'Coffee' },
  { id: 'double-espresso', name: 'Double espresso', priceCents: 320, category: 'Coffee' },
  { id: 'americano', name: 'Americano', priceCents: 300, category: 'Coffee' },
  { id: 'flat-white', name: 'Flat white', priceCents: 380, category: 'Coffee' },
  { id: 'cappuccino', name: 'Cappuccino', priceCents: 360, category: 'Coffee' },
  { id: 'latte', name: 'Caffè latte', priceCents: 390, category: 'Coffee' },
  { id: 'mocha', name: 'Mocha', priceCents: 420, category: 'Coffee' },
  { id: 'cold-brew', name: 'Cold brew', priceCents: 400, category: 'Coffee' },
  { id: 'english-breakfast-tea', name: 'English breakfast tea', priceCents: 280, category: 'Tea & more' },
  { id: 'green-tea', name: 'Green tea', priceCents: 280, category: 'Tea & more' },
  { id: 'chai-latte', name: 'Chai latte', priceCents: 390, category: 'Tea & more' },
  { id: 'hot-chocolate', name: 'Hot chocolate', priceCents: 370, category: 'Tea & more' },
  { id: 'orange-juice', name: 'Fresh orange juice', priceCents: 450, category: 'Tea & more' },
  { id: 'croissant', name: 'Butter croissant', priceCents: 280, category: 'Bakery' },
  { id: 'pain-au-chocolat', name: 'Pain au chocolat', priceCents: 310, category: 'Bakery' },
  { id: 'cinnamon-bun', name: 'Cinnamon bun', priceCents: 350, category: 'Bakery' },
  { id: 'banana-bread', name: 'Banana bread', priceCents: 330, category: 'Bakery' },
  { id: 'blueberry-muffin', name: 'Blueberry muffin', priceCents: 320, category: 'Bakery' },
  { id: 'avocado-toast', name: 'Avocado toast', priceCents: 890, category: 'Kitchen' },
  { id: 'ham-cheese-toastie', name: 'Ham & cheese toastie', priceCents: 750, category: 'Kitchen' },
  { id: 'granola-bowl', name: 'Granola bowl', priceCents: 690, category: 'Kitchen' },
  { id: 'soup-of-the-day', name: 'Soup of the day', priceCents: 650, category: 'Kitchen' },
];

export const MENU: MenuResponse = { items: [...MENU_ITEMS], currency: MENU_CURRENCY };

const BY_ID: ReadonlyMap<string, MenuItem> = new Map(MENU_ITEMS.map((item) => [item.id, item]));

export function findMenuItem(id: string): MenuItem | undefined {
  return BY_ID.get(id);
}
