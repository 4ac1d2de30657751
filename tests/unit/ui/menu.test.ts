// Reading GET /api/menu: a real menu is accepted and grouped; anything else (a captive portal) is refused.
import { describe, expect, it } from 'vitest';
import { groupByCategory, loadMenu } from '../../../src/menu.ts';

function answer(body: unknown, status = 200): typeof fetch {
  return async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
}

const item = (id: string, category: string, available = true) => ({
  id,
  name: id,
  priceCents: 100,
  category,
  available,
});

describe('loadMenu', () => {
  it('accepts a versioned menu with categories, items and currency', async () => {
    const menu = {
      version: 3,
      currency: 'EUR',
      categories: [{ id: 'drinks', name: 'Drinks' }],
      items: [{ id: 'tea', name: 'Tea', priceCents: 250, category: 'drinks', available: false }],
    };
    await expect(loadMenu(answer(menu))).resolves.toEqual(menu);
  });

  it('refuses an answer that is not a menu', async () => {
    await expect(loadMenu(answer({ items: [{ id: 'tea' }], currency: 'EUR' }))).rejects.toThrow(/not a menu/);
    await expect(loadMenu(answer({ items: [] }))).rejects.toThrow(/currency/);
    await expect(loadMenu(answer({ items: [], currency: 'EUR', categories: [] }))).rejects.toThrow(/version/);
    await expect(loadMenu(answer('<html>Sign in to Wi-Fi</html>'))).rejects.toThrow(/not JSON/);
  });

  it('reports a failed request with its status', async () => {
    await expect(loadMenu(answer({}, 503))).rejects.toThrow(/503/);
  });
});

describe('groupByCategory', () => {
  it('orders groups as the menu lists its categories, names them, and keeps sold-out items', () => {
    const groups = groupByCategory({
      categories: [
        { id: 'y', name: 'Why' },
        { id: 'x', name: 'Ex' },
        { id: 'empty', name: 'Nothing here' },
      ],
      items: [item('a', 'x'), item('b', 'y', false), item('c', 'x')],
    });
    expect(groups.map(([category, items]) => [category, items.map((i) => i.id)])).toEqual([
      ['Why', ['b']],
      ['Ex', ['a', 'c']],
    ]);
  });
});
