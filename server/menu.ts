// The built-in sample menu a new database is seeded with when ORDERLINE_MENU_FILE is not set. Ids are
// stable slugs clients send as menuItemId; after seeding, the menu lives in the database (menu-store.ts).

import type { MenuFile } from '../protocol/menu.ts';

export const SAMPLE_MENU: MenuFile = {
  currency: 'EUR',
  categories: [
    { id: 'coffee', name: 'Coffee' },
    { id: 'tea-and-more', name: 'Tea & more' },
    { id: 'bakery', name: 'Bakery' },
    { id: 'kitchen', name: 'Kitchen' },
  ],
  items: [
    { id: 'espresso', name: 'Espresso', priceCents: 250, category: 'coffee', available: true },
    { id: 'double-espresso', name: 'Double espresso', priceCents: 320, category: 'coffee', available: true },
    { id: 'americano', name: 'Americano', priceCents: 300, category: 'coffee', available: true },
    { id: 'flat-white', name: 'Flat white', priceCents: 380, category: 'coffee', available: true },
    { id: 'cappuccino', name: 'Cappuccino', priceCents: 360, category: 'coffee', available: true },
    { id: 'latte', name: 'Caffè latte', priceCents: 390, category: 'coffee', available: true },
    { id: 'mocha', name: 'Mocha', priceCents: 420, category: 'coffee', available: true },
    { id: 'cold-brew', name: 'Cold brew', priceCents: 400, category: 'coffee', available: true },
    {
      id: 'english-breakfast-tea',
      name: 'English breakfast tea',
      priceCents: 280,
      category: 'tea-and-more',
      available: true,
    },
    { id: 'green-tea', name: 'Green tea', priceCents: 280, category: 'tea-and-more', available: true },
    { id: 'chai-latte', name: 'Chai latte', priceCents: 390, category: 'tea-and-more', available: true },
    {
      id: 'hot-chocolate',
      name: 'Hot chocolate',
      priceCents: 370,
      category: 'tea-and-more',
      available: true,
    },
    {
      id: 'orange-juice',
      name: 'Fresh orange juice',
      priceCents: 450,
      category: 'tea-and-more',
      available: true,
    },
    { id: 'croissant', name: 'Butter croissant', priceCents: 280, category: 'bakery', available: true },
    {
      id: 'pain-au-chocolat',
      name: 'Pain au chocolat',
      priceCents: 310,
      category: 'bakery',
      available: true,
    },
    { id: 'cinnamon-bun', name: 'Cinnamon bun', priceCents: 350, category: 'bakery', available: true },
    { id: 'banana-bread', name: 'Banana bread', priceCents: 330, category: 'bakery', available: true },
    {
      id: 'blueberry-muffin',
      name: 'Blueberry muffin',
      priceCents: 320,
      category: 'bakery',
      available: true,
    },
    { id: 'avocado-toast', name: 'Avocado toast', priceCents: 890, category: 'kitchen', available: true },
    {
      id: 'ham-cheese-toastie',
      name: 'Ham & cheese toastie',
      priceCents: 750,
      category: 'kitchen',
      available: true,
    },
    { id: 'granola-bowl', name: 'Granola bowl', priceCents: 690, category: 'kitchen', available: true },
    { id: 'soup-of-the-day', name: 'Soup of the day', priceCents: 650, category: 'kitchen', available: true },
  ],
};
