// A starting page reads its first snapshot straight from the worker's IndexedDB (read-only), instead of
// waiting for a worker the browser stopped to boot, read every active order and post them across.
// The worker stays the only writer (principle 1); the page never creates, upgrades or holds the database.
import { wrap, type IDBPDatabase } from 'idb';
import type { Snapshot } from '../protocol/messages.ts';
import { ALL_STORES, DB_NAME, DB_VERSION, type OrderlineDb } from '../sw/db.ts';
import { readStartSnapshot } from '../sw/snapshot.ts';

/** The database as the worker left it, or null: none yet, or not at the version this page reads. */
function openExisting(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      // No version: an existing database opens as it is, never upgraded by a page.
      request = indexedDB.open(DB_NAME);
    } catch {
      resolve(null);
      return;
    }
    // No database yet (a first visit): abort, so the worker creates it with its own schema.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    request.onsuccess = () => {
      const db = request.result;
      // A worker that needs to upgrade must never wait for this page.
      db.onversionchange = () => db.close();
      if (db.version === DB_VERSION) resolve(db);
      else {
        // An upgrade is pending, or this page is older than the worker: the worker answers instead.
        db.close();
        resolve(null);
      }
    };
  });
}

/**
 * The snapshot the worker's `hello` would answer (the same read, sw/snapshot.ts), or null when the page cannot
 * read it itself: then the caller asks the worker. Broadcasts sent meanwhile are newer revs, applied on top.
 */
export async function readLocalSnapshot(): Promise<Snapshot | null> {
  if (typeof indexedDB === 'undefined') return null;
  const raw = await openExisting();
  if (raw === null) return null;
  const db = wrap(raw) as IDBPDatabase<OrderlineDb>;
  try {
    return await readStartSnapshot(db.transaction([...ALL_STORES, 'active-list'], 'readonly'));
  } catch {
    return null;
  } finally {
    db.close();
  }
}
