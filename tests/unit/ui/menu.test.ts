// Reading GET /api/menu: a real menu is accepted and grouped; anything else (a captive portal) is refused.
import { describe, expect, it } from 'vitest';
import { groupByCategory, loadMenu } from '../../../src/menu.ts';

function answer(body: unknown, status = 200): typeof fetch {
  return async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
}

describe('loadMenu', () => {
  it('accepts a menu with items and currency', async () => {
    const menu = {
      items: [{ id: 'tea', name: 'Tea', priceCents: 250, category: 'Drinks' }],
      currency: 'EUR',
    };
    await expect(loadMenu(answer(menu))).resolves.toEqual(menu);
  });

  it('refuses an answer that is not a menu', async () => {
    await expect(loadMenu(answer({ items: [{ id: 'tea' }], currency: 'EUR' }))).rejects.toThrow(/not a menu/);
    await expect(loadMenu(answer({ items: [] }))).rejects.toThrow(/currency/);
    await expect(loadMenu(answer('<html>Sign in to Wi-Fi</html>'))).rejects.toThrow(/not JSON/);
  });

  it('reports a failed request with its status', async () => {
    await expect(loadMenu(answer({}, 503))).rejects.toThrow(/503/);
  });
});

describe('groupByCategory', () => {
  it('keeps categories in first-seen order and items in menu order', () => {
    const item = (id: string, category: string) => ({ id, name: id, priceCents: 100, category });
    const groups = groupByCategory([item('a', 'X'), item('b', 'Y'), item('c', 'X')]);
    expect(groups.map(([category, items]) => [category, items.map((i) => i.id)])).toEqual([
      ['X', ['a', 'c']],
      ['Y', ['b']],
    ]);
  });
});
