// ORDERLINE_MENU_FILE: a valid file seeds a new database's menu (and only a new one); a broken file
// fails start-up naming the bad entry, before any data directory or row is written.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuResponse } from '../../../protocol/menu.ts';
import { MenuFileError, parseMenuFile } from '../../../server/menu-file.ts';
import { SAMPLE_MENU } from '../../../server/menu.ts';
import { startServer } from '../../../server/start-server.ts';
import { memoryApp, OWNER_AUTH } from './order-fixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-menu-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const shop = {
  currency: 'GBP',
  categories: [
    { id: 'hot', name: 'Hot drinks' },
    { id: 'cakes', name: 'Cakes' },
  ],
  items: [
    { id: 'tea', name: 'Tea', priceCents: 180, category: 'hot' },
    { id: 'scone', name: 'Scone', priceCents: 250, category: 'cakes', available: false },
  ],
};

function messageOf(json: unknown): string {
  try {
    parseMenuFile(json, 'menu.json');
  } catch (error) {
    expect(error).toBeInstanceOf(MenuFileError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('parseMenuFile', () => {
  it('accepts the built-in sample and a shop file, defaulting available to true', () => {
    expect(parseMenuFile(SAMPLE_MENU, 'sample').items.length).toBe(22);
    expect(parseMenuFile(shop, 'menu.json').items[0]?.available).toBe(true);
  });

  it.each([
    [
      'a negative price',
      { ...shop, items: [shop.items[0], { ...shop.items[1], priceCents: -5 }] },
      'items[1].priceCents: must not be negative',
    ],
    [
      'a bad slug',
      { ...shop, items: [{ ...shop.items[0], id: 'Green Tea' }] },
      'items[0].id: must be a slug',
    ],
    [
      'an empty category name',
      { ...shop, categories: [{ id: 'hot', name: '' }] },
      'categories[0].name: must not be empty',
    ],
    [
      'an unknown category',
      { ...shop, items: [{ ...shop.items[0], category: 'wine' }] },
      'items[0].category: "wine" is not a listed category',
    ],
    [
      'a duplicate item',
      { ...shop, items: [shop.items[0], shop.items[0]] },
      'items[1].id: "tea" is listed twice',
    ],
    ['an unknown field', { ...shop, colour: 'red' }, 'colour'],
  ])('names the bad entry for %s', (_label, json, expected) => {
    expect(messageOf(json)).toContain(expected);
  });
});

describe('starting with ORDERLINE_MENU_FILE', () => {
  it('a broken file fails start-up naming the entry and creates no data directory', async () => {
    const file = join(dir, 'broken.json');
    const items = [...shop.items, shop.items[0], { ...shop.items[0], id: 'cake', priceCents: 'lots' }];
    await writeFile(file, JSON.stringify({ ...shop, items }));
    const dataDir = join(dir, 'data');
    await expect(
      startServer({ port: 0, host: '127.0.0.1', dataDir, distDir: '/nonexistent', menuFile: file }),
    ).rejects.toThrow(/items\[3\]\.priceCents: must be a number/);
    expect(await readdir(dir)).toEqual(['broken.json']);
  });

  it('a file that is not JSON fails start-up saying so', async () => {
    const file = join(dir, 'not-json.json');
    await writeFile(file, '{ categories: [');
    await expect(
      startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir: join(dir, 'data2'),
        distDir: '/nonexistent',
        menuFile: file,
      }),
    ).rejects.toThrow(/is not JSON/);
  });

  it('a valid file seeds version 1 of a new database', async () => {
    const t = await memoryApp({ menuSeed: parseMenuFile(shop, 'menu.json') });
    try {
      const menu = (await t.app.inject({ url: '/api/menu', headers: OWNER_AUTH })).json<MenuResponse>();
      expect(menu).toEqual({
        version: 1,
        currency: 'GBP',
        categories: [
          { id: 'hot', name: 'Hot drinks' },
          { id: 'cakes', name: 'Cakes' },
        ],
        items: [
          {
            id: 'tea',
            name: 'Tea',
            priceCents: 180,
            category: 'hot',
            available: true,
            optionGroups: [],
            taxRate: 'standard',
          },
          {
            id: 'scone',
            name: 'Scone',
            priceCents: 250,
            category: 'cakes',
            available: false,
            optionGroups: [],
            taxRate: 'standard',
          },
        ],
        // A Part 2 file: the default rates at 0 %, prices including tax, no groups or discounts.
        pricesIncludeTax: true,
        taxRates: [
          { id: 'standard', name: 'Standard', rateBasisPoints: 0 },
          { id: 'reduced', name: 'Reduced', rateBasisPoints: 0 },
        ],
        optionGroups: [],
        discounts: [],
      });
    } finally {
      await t.close();
    }
  }, 180_000);
});
