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
  /** Called with each new value (from any instance on PostgreSQL); returns an unsubscribe. */
  subscribe(listener: (settings: ShopSettings) => void): () => void;
}

interface SettingsRow {
  kitchen_warning_minutes: number;
  kitchen_late_minutes: number;
}

async function readSettings(client: SqlClient): Promise<ShopSettings> {
  const rows = await client.query<SettingsRow>(
    'SELECT kitchen_warning_minutes, kitchen_late_minutes FROM shop_settings WHERE id = 1',
  );
  const row = rows[0];
  if (!row) return DEFAULT_SETTINGS;
  return {
    kitchenWarningMinutes: Number(row.kitchen_warning_minutes),
    kitchenLateMinutes: Number(row.kitchen_late_minutes),
  };
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
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO shop_settings (id, kitchen_warning_minutes, kitchen_late_minutes, updated_at)
           VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET kitchen_warning_minutes = $1, kitchen_late_minutes = $2, updated_at = $3`,
          [settings.kitchenWarningMinutes, settings.kitchenLateMinutes, now().toISOString()],
        );
        // Delivered on COMMIT only; the payload is a nudge, every instance re-reads the row.
        if (db.listen) await tx.query('SELECT pg_notify($1, $2)', [SETTINGS_NOTIFY_CHANNEL, '']);
      });
      // This instance publishes without waiting for its own NOTIFY (and PGlite has none).
      await refresh();
      return settings;
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
