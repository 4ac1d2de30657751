// The versioned menu over OrderStore.database (migration 003): reads any published version, and
// publishes a new version per edit. Edits are serialised on the menu_head row, so two concurrent
// edits never take the same version; rows are closed and opened, never updated in place.

import type {
  MenuCategory,
  MenuCategoryBody,
  MenuFile,
  MenuItem,
  MenuItemBody,
  MenuResponse,
} from '../../protocol/menu.ts';
import { ITEM_COLUMNS, closeItem, insertItem, isOpen, openItem, validAt, type ItemRow } from './menu-rows.ts';
import { insertPricing, readPricing, type MenuPricingData } from './menu-pricing-store.ts';
import type { SqlClient, SqlDatabase } from './sql-database.ts';

export const MENU_NOTIFY_CHANNEL = 'orderline_menu';
/** Versions are immutable, so a read is cached; orders mostly name the last few versions. */
const CACHED_VERSIONS = 64;

export interface MenuEntry extends MenuItem {
  /** Archived at this version: not listed, not orderable at it, still in older versions. */
  archived: boolean;
  optionGroups: string[];
  /** Resolved: the item's own rate, or the menu's first one ("" only for a menu with no rates). */
  taxRate: string;
}

/** The whole menu at one version, archived items and inactive discounts included. */
export interface MenuSnapshot extends MenuPricingData {
  version: number;
  currency: string;
  categories: MenuCategory[];
  items: MenuEntry[];
}

export type MenuEditResult =
  | { kind: 'published'; menu: MenuSnapshot }
  /** The edit changed nothing: no version was taken. */
  | { kind: 'unchanged'; menu: MenuSnapshot }
  | { kind: 'version_conflict'; current: number }
  | { kind: 'unknown_category'; category: string }
  | { kind: 'unknown_option_group'; group: string }
  | { kind: 'unknown_tax_rate'; rate: string }
  /** A whole-menu import that does not hold together: `path` names the bad entry (`items[3].taxRate`). */
  | { kind: 'invalid_menu'; path: string; message: string }
  | { kind: 'not_found' };

export interface MenuStore {
  /** The latest published version (0 only before seeding). */
  currentVersion(): Promise<number>;
  current(): Promise<MenuSnapshot>;
  /** null when `version` was never published. */
  atVersion(version: number): Promise<MenuSnapshot | null>;
  /** `ifMatch` null = no precondition. */
  putItem(id: string, body: MenuItemBody, ifMatch: number | null): Promise<MenuEditResult>;
  archiveItem(id: string, ifMatch: number | null): Promise<MenuEditResult>;
  putCategory(id: string, body: MenuCategoryBody, ifMatch: number | null): Promise<MenuEditResult>;
  /** Runs one edit inside the locked transaction: publishes one new version when `step` changed something. */
  edit(ifMatch: number | null, step: EditStep): Promise<MenuEditResult>;
  /** Seeds version 1 from `menu` when nothing was ever published; returns whether it did. */
  seedIfEmpty(menu: MenuFile): Promise<boolean>;
  /** Called once per newly published version (from any instance on PostgreSQL); returns an unsubscribe. */
  subscribe(listener: (version: number) => void): () => void;
}

interface CategoryRow {
  id: string;
  name: string;
  position: number;
}

async function readSnapshot(db: SqlClient, version: number, currency: string): Promise<MenuSnapshot> {
  const categories = await db.query<CategoryRow>(
    `SELECT id, name, position FROM (${validAt('menu_categories', 'id, name, position')}) AS c ORDER BY position, id`,
    [version],
  );
  const items = await db.query<ItemRow>(validAt('menu_items', ITEM_COLUMNS), [version]);
  const pricing = await readPricing(db, version);
  const defaultRate = pricing.taxRates[0]?.id ?? '';
  const categoryOrder = new Map(categories.map((row, index) => [row.id, index]));
  items.sort(
    (a, b) =>
      (categoryOrder.get(a.category) ?? Infinity) - (categoryOrder.get(b.category) ?? Infinity) ||
      a.position - b.position,
  );
  return {
    version,
    currency,
    categories: categories.map(({ id, name }) => ({ id, name })),
    items: items.map((row) => ({
      id: row.id,
      name: row.name,
      priceCents: Number(row.price_cents),
      category: row.category,
      available: row.available,
      archived: row.archived,
      optionGroups: row.option_groups,
      taxRate: row.tax_rate ?? defaultRate,
    })),
    ...pricing,
  };
}

/** What an edit does inside the locked transaction, given the version it would publish. */
export type EditStep = (
  tx: SqlClient,
  next: number,
) => Promise<'changed' | 'unchanged' | Exclude<MenuEditResult, { menu: MenuSnapshot }>>;

export async function createMenuStore(db: SqlDatabase): Promise<MenuStore> {
  const cache = new Map<number, MenuSnapshot>();
  const listeners = new Set<(version: number) => void>();
  // PostgreSQL: other instances edit too, so the head is read from the database and versions are
  // published from NOTIFY (this instance's own included). PGlite: one process, the head is ours.
  const viaNotify = db.listen !== undefined;
  let head = 0;
  let currency = 'EUR';
  let published = 0;

  function publish(version: number): void {
    if (version <= published) return;
    published = version;
    for (const listener of listeners) listener(version);
  }

  async function readHead(client: SqlClient, lock: boolean): Promise<{ version: number; currency: string }> {
    const rows = await client.query<{ version: number; currency: string }>(
      `SELECT version, currency FROM menu_head WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
    );
    const row = rows[0];
    if (!row) throw new Error('menu_head is missing: migration 003 did not run');
    head = Math.max(head, Number(row.version));
    currency = row.currency;
    return { version: Number(row.version), currency: row.currency };
  }

  function remember(snapshot: MenuSnapshot): MenuSnapshot {
    cache.set(snapshot.version, snapshot);
    if (cache.size > CACHED_VERSIONS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return snapshot;
  }

  async function edit(ifMatch: number | null, step: EditStep): Promise<MenuEditResult> {
    const result = await db.transaction(async (tx): Promise<MenuEditResult> => {
      // The row lock is the serialisation point: a second edit waits here, then sees our version.
      const current = await readHead(tx, true);
      if (ifMatch !== null && ifMatch !== current.version) {
        return { kind: 'version_conflict', current: current.version };
      }
      const next = current.version + 1;
      const outcome = await step(tx, next);
      if (outcome === 'unchanged') {
        return { kind: 'unchanged', menu: await readSnapshot(tx, current.version, current.currency) };
      }
      if (outcome !== 'changed') return outcome;
      await tx.query('UPDATE menu_head SET version = $1 WHERE id = 1', [next]);
      await tx.query('INSERT INTO menu_versions (version, published_at) VALUES ($1, $2)', [
        next,
        new Date().toISOString(),
      ]);
      // NOTIFY is delivered on COMMIT only, so no instance announces an uncommitted version.
      if (viaNotify) await tx.query('SELECT pg_notify($1, $2)', [MENU_NOTIFY_CHANNEL, String(next)]);
      return { kind: 'published', menu: await readSnapshot(tx, next, current.currency) };
    });
    if (result.kind === 'published') {
      head = Math.max(head, result.menu.version);
      remember(result.menu);
      if (!viaNotify) publish(result.menu.version);
    }
    return result;
  }

  const store: MenuStore = {
    async currentVersion() {
      return viaNotify ? (await readHead(db, false)).version : head;
    },
    async current() {
      const version = await store.currentVersion();
      return (
        (await store.atVersion(version)) ?? {
          version,
          currency,
          categories: [],
          items: [],
          pricesIncludeTax: true,
          taxRates: [],
          optionGroups: [],
          discounts: [],
        }
      );
    },
    async atVersion(version) {
      const cached = cache.get(version);
      if (cached) return cached;
      if (!Number.isSafeInteger(version) || version < 1) return null;
      const known = await db.query('SELECT 1 FROM menu_versions WHERE version = $1', [version]);
      if (known.length === 0) return null;
      return remember(await readSnapshot(db, version, currency));
    },
    edit,
    putItem(id, body, ifMatch) {
      return edit(ifMatch, async (tx, next) => {
        if (!(await isOpen(tx, 'menu_categories', body.category))) {
          return { kind: 'unknown_category', category: body.category };
        }
        for (const group of body.optionGroups ?? []) {
          if (!(await isOpen(tx, 'menu_option_groups', group)))
            return { kind: 'unknown_option_group', group };
        }
        if (body.taxRate !== undefined && !(await isOpen(tx, 'menu_tax_rates', body.taxRate))) {
          return { kind: 'unknown_tax_rate', rate: body.taxRate };
        }
        const old = await openItem(tx, id);
        // Absent = keep the item's own (an editor from before Part 3 never wipes them).
        const optionGroups = body.optionGroups ?? old?.option_groups ?? [];
        const taxRate = body.taxRate ?? old?.tax_rate ?? null;
        if (
          old &&
          !old.archived &&
          old.name === body.name &&
          Number(old.price_cents) === body.priceCents &&
          old.category === body.category &&
          old.available === body.available &&
          JSON.stringify(old.option_groups) === JSON.stringify(optionGroups) &&
          old.tax_rate === taxRate
        ) {
          return 'unchanged';
        }
        let position = old?.position;
        if (position === undefined) {
          const rows = await tx.query<{ max: number | null }>(
            'SELECT max(position) AS max FROM menu_items WHERE valid_to IS NULL',
          );
          position = Number(rows[0]?.max ?? -1) + 1;
        }
        if (old) await closeItem(tx, id, next);
        await insertItem(tx, next, {
          id,
          name: body.name,
          price_cents: body.priceCents,
          category: body.category,
          available: body.available,
          archived: false,
          position,
          option_groups: optionGroups,
          tax_rate: taxRate,
        });
        return 'changed';
      });
    },
    archiveItem(id, ifMatch) {
      return edit(ifMatch, async (tx, next) => {
        const old = await openItem(tx, id);
        if (!old) return { kind: 'not_found' };
        if (old.archived) return 'unchanged';
        await closeItem(tx, id, next);
        await insertItem(tx, next, { ...old, archived: true });
        return 'changed';
      });
    },
    putCategory(id, body, ifMatch) {
      return edit(ifMatch, async (tx, next) => {
        const rows = await tx.query<CategoryRow>(
          'SELECT id, name, position FROM menu_categories WHERE id = $1 AND valid_to IS NULL',
          [id],
        );
        const old = rows[0];
        if (old && old.name === body.name && old.position === body.position) return 'unchanged';
        if (old) {
          await tx.query('UPDATE menu_categories SET valid_to = $2 WHERE id = $1 AND valid_to IS NULL', [
            id,
            next,
          ]);
        }
        await tx.query(
          'INSERT INTO menu_categories (id, valid_from, name, position) VALUES ($1, $2, $3, $4)',
          [id, next, body.name, body.position],
        );
        return 'changed';
      });
    },
    async seedIfEmpty(menu) {
      const seeded = await db.transaction(async (tx) => {
        const current = await readHead(tx, true);
        if (current.version > 0) return false;
        for (const [position, category] of menu.categories.entries()) {
          await tx.query(
            'INSERT INTO menu_categories (id, valid_from, name, position) VALUES ($1, 1, $2, $3)',
            [category.id, category.name, position],
          );
        }
        for (const [position, item] of menu.items.entries()) {
          await insertItem(tx, 1, {
            id: item.id,
            name: item.name,
            price_cents: item.priceCents,
            category: item.category,
            available: item.available,
            archived: false,
            position,
            option_groups: item.optionGroups ?? [],
            tax_rate: item.taxRate ?? null,
          });
        }
        await insertPricing(tx, 1, menu);
        await tx.query('UPDATE menu_head SET version = 1, currency = $1 WHERE id = 1', [
          menu.currency ?? 'EUR',
        ]);
        await tx.query('INSERT INTO menu_versions (version, published_at) VALUES (1, $1)', [
          new Date().toISOString(),
        ]);
        return true;
      });
      await readHead(db, false);
      return seeded;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  await readHead(db, false);
  published = head;
  if (db.listen) {
    // An empty payload is the reconnect nudge: re-read the head so a version missed meanwhile is pushed.
    await db.listen(MENU_NOTIFY_CHANNEL, (payload) => {
      if (payload !== '') return publish(Number(payload));
      readHead(db, false).then(
        (current) => publish(current.version),
        (error: unknown) => console.error('orderline: menu head read after reconnect failed', error),
      );
    });
    await readHead(db, false);
  }
  return store;
}

/** The menu as GET /api/menu answers it: archived items and inactive discounts are not listed. */
export function menuResponse(snapshot: MenuSnapshot): MenuResponse {
  return {
    version: snapshot.version,
    currency: snapshot.currency,
    categories: snapshot.categories,
    items: snapshot.items
      .filter((item) => !item.archived)
      .map(({ id, name, priceCents, category, available, optionGroups, taxRate }) => ({
        id,
        name,
        priceCents,
        category,
        available,
        optionGroups,
        taxRate,
      })),
    pricesIncludeTax: snapshot.pricesIncludeTax,
    taxRates: snapshot.taxRates,
    optionGroups: snapshot.optionGroups,
    discounts: snapshot.discounts
      .filter((discount) => discount.active)
      .map(({ id, name, kind, value }) => ({ id, name, kind, value })),
  };
}

/** Looks an id up for pricing at this snapshot's version: archived items are not orderable at it. */
export function orderableAt(snapshot: MenuSnapshot): (id: string) => MenuEntry | undefined {
  let byId = ORDERABLE.get(snapshot);
  if (!byId) {
    byId = new Map(snapshot.items.filter((item) => !item.archived).map((item) => [item.id, item]));
    ORDERABLE.set(snapshot, byId);
  }
  const lookup = byId;
  return (id) => lookup.get(id);
}

/** Snapshots are immutable and cached, so their lookup maps are built once. */
const ORDERABLE = new WeakMap<MenuSnapshot, Map<string, MenuEntry>>();
