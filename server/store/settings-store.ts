// The shop's settings over OrderStore.database (migration 006): read them (defaults when never saved), save
// them, and tell subscribers of every change — from this instance or, on PostgreSQL, from any other (NOTIFY).
// Never publishes a value that is not committed: subscribers are told only what a fresh read returns.

import { DEFAULT_SETTINGS, sameSettings, type ShopSettings } from '../../protocol/settings.ts';
import type { SqlClient, SqlDatabase } from './sql-database.ts';

export const SETTINGS_NOTIFY_CHANNEL = 'orderline_settings';

export interface SettingsStore {
  current(): Promise<ShopSettings>;
  /** Saves `settings` (already validated) and answers what is now stored. */
  put(settings: ShopSettings): Promise<ShopSettings>;
  /**
   * Applies `change` to the stored settings in one transaction (a concurrent save is never lost) and answers
   * the result; `change` returns an Error to refuse (nothing is written), e.g. warning no longer before late.
   */
  update(change: (current: ShopSettings) => ShopSettings | Error): Promise<ShopSettings | Error>;
  /** Called with each new value (from any instance on PostgreSQL); returns an unsubscribe. */
  subscribe(listener: (settings: ShopSettings) => void): () => void;
}

interface SettingsRow {
  kitchen_warning_minutes: number;
  kitchen_late_minutes: number;
  shop_name: string;
  address: string;
  tax_id: string;
  receipt_footer: string;
  locale: string;
  time_zone: string;
}

/** The stored address is a JSON list of lines (migration 010); anything else reads as no address. */
function addressLines(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((line): line is string => typeof line === 'string') : [];
  } catch {
    return [];
  }
}

async function readSettings(client: SqlClient): Promise<ShopSettings> {
  const rows = await client.query<SettingsRow>(
    `SELECT kitchen_warning_minutes, kitchen_late_minutes, shop_name, address, tax_id, receipt_footer, locale,
            time_zone
       FROM shop_settings WHERE id = 1`,
  );
  const row = rows[0];
  if (!row) return DEFAULT_SETTINGS;
  return {
    kitchenWarningMinutes: Number(row.kitchen_warning_minutes),
    kitchenLateMinutes: Number(row.kitchen_late_minutes),
    shopName: row.shop_name,
    address: addressLines(row.address),
    taxId: row.tax_id,
    receiptFooter: row.receipt_footer,
    locale: row.locale,
    timeZone: row.time_zone,
  };
}

async function writeSettings(tx: SqlClient, s: ShopSettings, at: string): Promise<void> {
  await tx.query(
    `INSERT INTO shop_settings (id, kitchen_warning_minutes, kitchen_late_minutes, shop_name, address, tax_id,
                                receipt_footer, locale, time_zone, updated_at)
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET kitchen_warning_minutes = $1, kitchen_late_minutes = $2, shop_name = $3,
       address = $4, tax_id = $5, receipt_footer = $6, locale = $7, time_zone = $8, updated_at = $9`,
    [
      s.kitchenWarningMinutes,
      s.kitchenLateMinutes,
      s.shopName,
      JSON.stringify(s.address),
      s.taxId,
      s.receiptFooter,
      s.locale,
      s.timeZone,
      at,
    ],
  );
}

export async function createSettingsStore(
  db: SqlDatabase,
  now: () => Date = () => new Date(),
): Promise<SettingsStore> {
  const listeners = new Set<(settings: ShopSettings) => void>();
  let published = await readSettings(db);
  // One re-read at a time, so two saves racing never publish the older value last.
  let reading: Promise<void> = Promise.resolve();

  function refresh(): Promise<void> {
    const next = reading.then(async () => {
      const fresh = await readSettings(db);
      if (sameSettings(fresh, published)) return;
      published = fresh;
      for (const listener of listeners) listener(fresh);
    });
    // A failed read is the caller's to report; the queue itself goes on.
    reading = next.catch(() => undefined);
    return next;
  }

  const store: SettingsStore = {
    current: () => readSettings(db),
    async put(settings) {
      const saved = await store.update(() => settings);
      if (saved instanceof Error) throw saved;
      return saved;
    },
    async update(change) {
      const result = await db.transaction(async (tx) => {
        // Row lock: two PATCHes of different fields both land (PGlite runs one transaction at a time).
        const locked = await tx.query('SELECT id FROM shop_settings WHERE id = 1 FOR UPDATE');
        const next = change(locked.length > 0 ? await readSettings(tx) : DEFAULT_SETTINGS);
        if (next instanceof Error) return next;
        await writeSettings(tx, next, now().toISOString());
        // Delivered on COMMIT only; the payload is a nudge, every instance re-reads the row.
        if (db.listen) await tx.query('SELECT pg_notify($1, $2)', [SETTINGS_NOTIFY_CHANNEL, '']);
        return next;
      });
      if (result instanceof Error) return result;
      // This instance publishes without waiting for its own NOTIFY (and PGlite has none).
      await refresh();
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  if (db.listen) {
    // Another instance saved, or the listener reconnected (empty payload either way): re-read.
    await db.listen(SETTINGS_NOTIFY_CHANNEL, () => {
      refresh().catch((error: unknown) => console.error('orderline: settings re-read failed', error));
    });
    // A save between the first read and LISTEN would otherwise go unannounced.
    await refresh();
  }
  return store;
}
