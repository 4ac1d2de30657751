// The service worker's IndexedDB schema (one type) and its versioned opener. Only the SW writes here;
// every function that opens a transaction awaits only that transaction (idb auto-commits otherwise).

import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPObjectStore,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { AuthState, DeviceIdentity, MutationKind, SyncStatus } from '../protocol/messages.ts';
import type { Drawer, DrawerCloseBody, DrawerMoveBody, DrawerOpenBody, ZReport } from '../protocol/drawer.ts';
import type { ClientOrder, Order, OrderStatus, PaymentMethod } from '../protocol/order.ts';
import type { PaymentInput, RefundInput } from '../protocol/payments.ts';
import type { CreateOrderBody } from '../protocol/schemas.ts';
import type { DiscountPayload } from './discount-intent.ts';

export const DB_NAME = 'orderline';
/**
 * v1: the three stores; v2: indexes for the active list, per-order outbox and waiting/dead counts; v3: the
 * device identity comes from pairing (the made-up `device` meta becomes `legacyDeviceId`); v4: the `drawer`
 * store (this device's cash drawer as last answered, and its last Z report); v5: the `active-list` store (the
 * active orders as one JSON value, sw/active-list-keeper.ts) and the `ordersRev` meta.
 */
export const DB_VERSION = 5;

/**
 * The active orders newest first as one JSON string, exact at `rev`: a starting page reads this one value
 * instead of deserialising every active order record. Key `ACTIVE_LIST_KEY`.
 */
export interface ActiveListRecord {
  rev: number;
  json: string;
}

export const ACTIVE_LIST_KEY = 'active';

/** One order as this device knows it. `view` is always `rebase(base, pending outbox entries)`. */
export interface OrderRecord {
  id: string;
  /**
   * The last server state; null while the server has never confirmed the order. Absent when it equals the view
   * without `syncState` (nothing pending): read it through `baseOf` (sw/order-record.ts), never directly.
   */
  base?: Order | null;
  /** What tabs render: the base with pending local mutations applied on top. */
  view: ClientOrder;
  /** 1 while `view` is active (indexable: IDB cannot index booleans). */
  active: 0 | 1;
}

export type OutboxPayload =
  | { kind: 'create'; body: CreateOrderBody; optimistic: ClientOrder }
  | { kind: 'status'; status: OrderStatus }
  | { kind: 'paid' }
  /** Part 3 (principle 21): a payment or refund of this order; `body` is exactly what the server gets. */
  | { kind: 'payment'; body: PaymentInput }
  /** `method` is the refunded payment's, kept only for the drawer estimate (a cash refund leaves the drawer). */
  | { kind: 'refund'; body: RefundInput; method: PaymentMethod }
  /** Part 3 (principle 22): drawer intents. Their entries sit in the drawer lane (sw/drawer-lane.ts). */
  | { kind: 'drawer-open'; body: DrawerOpenBody }
  | { kind: 'drawer-move'; body: DrawerMoveBody }
  | { kind: 'drawer-close'; body: DrawerCloseBody }
  /** Part 3 (#21): set or remove the order's discount (sw/discount-intent.ts). */
  | DiscountPayload;

/**
 * This device's drawer as the server last answered it (GET /api/drawer, or a drawer op's answer), with the
 * cash of this device's answered payments applied since; the queued intents are applied on top when read.
 */
export interface DrawerRecord {
  /** The open drawer, or null when none is open (or none was ever seen). */
  base: Drawer | null;
  /** The Z report of this device's last close. */
  lastReport: ZReport | null;
}

export interface DeadLetterInfo {
  httpStatus: number;
  code: string;
  message: string;
  failedAt: string;
}

/** One queued mutation. `seq` (auto-increment) is the send order; the server dedupes by `mutationId`. */
export interface OutboxEntry {
  seq?: number;
  mutationId: string;
  orderId: string;
  orderNumber: string;
  kind: MutationKind;
  payload: OutboxPayload;
  createdAt: string;
  attempts: number;
  /** Epoch ms before which this entry is not sent again (backoff); 0 = now. */
  nextAttemptAt: number;
  lastError: string | null;
  /** 'dead' once the server rejected it (400/404/422): kept until the user retries or discards. */
  state: 'waiting' | 'dead';
  deadLetter: DeadLetterInfo | null;
}

/** What versions before pairing stored under `device` (a made-up id and a provisional ticket code). */
export interface LegacyDeviceMeta {
  deviceId: string;
  code: string;
  codeConfirmed: boolean;
}

/** What the sync broadcast reports, as last persisted, plus the flush pause the server asked for. */
export interface SyncMeta {
  online: boolean;
  pushConnected: boolean;
  lastSyncAt: string | null;
  storageError: string | null;
  /** Epoch ms until which no entry is sent (the server's Retry-After); not cut short. */
  pausedUntil: number;
  /**
   * Epoch ms until which no entry is sent because the last attempt failed (backoff). Global, since an
   * unreachable server fails every order alike; cut short the moment the server is seen again.
   */
  backoffUntil?: number;
  /** Epoch ms when the server was seen again after an outage while entries waited; null otherwise. */
  recoveringSince: number | null;
  /** Whether the server accepts this device's credential (nothing is sent unless `paired`). */
  auth: AuthState;
  /** GET /api/me as last answered; kept while signed out, so numbers and the re-pairing id survive. */
  device: DeviceIdentity | null;
  /** The sync status last broadcast, to broadcast only real changes. */
  lastBroadcast: SyncStatus | null;
}

export interface MetricsMeta {
  cacheHits: number;
  cacheMisses: number;
  /** Epoch ms of pulls in the last minute. */
  pullTimes: number[];
  /** Outage end → outbox empty (ms), most recent last, at most 20. */
  recoveryTimesMs: number[];
}

export interface MetaValues {
  /** Highest server seq whose changes are all applied (the pull cursor). */
  cursor: number;
  /** Revision of the last broadcast; strictly increasing, bumped in the transaction it describes. */
  rev: number;
  /**
   * The id a version before pairing made up for this browser (v1–v2 data). Offered as `deviceId` when pairing,
   * so the server gives it back and the orders queued under it keep their `deviceId`.
   */
  legacyDeviceId: string;
  /**
   * The rev of the last transaction that changed an order (an `orders` broadcast). The `active-list` record
   * stands for the current list while its rev is at least this.
   */
  ordersRev: number;
  /** Last ticket counter used for this device's order numbers. */
  ticketCounter: number;
  sync: SyncMeta;
  metrics: MetricsMeta;
}
export type MetaKey = keyof MetaValues;

export interface OrderlineDb extends DBSchema {
  /** Per order: server base + local view (written by intents, flush, pull and push). */
  orders: { key: string; value: OrderRecord; indexes: { 'by-active': number } };
  /** Mutations waiting for the server, in send order (written by intents; emptied by flush). */
  outbox: {
    key: number;
    value: OutboxEntry;
    indexes: { 'by-order': string; 'by-state': string; 'by-mutation': string; 'by-next-attempt': number };
  };
  /** Small singletons keyed by name (see MetaValues). */
  meta: { key: MetaKey; value: MetaValues[MetaKey] };
  /** One record, key `DRAWER_KEY`: this device's drawer (a store of its own, so reports can be kept later). */
  drawer: { key: string; value: DrawerRecord };
  /**
   * One record (sw/active-list-keeper.ts). Not in ALL_STORES: writing its megabytes must never hold up the
   * transactions of intents, so it is written in a transaction of its own.
   */
  'active-list': { key: string; value: ActiveListRecord };
}

export const DRAWER_KEY = 'this-device';

export type OrderlineDatabase = IDBPDatabase<OrderlineDb>;
export type AllStores = ('orders' | 'outbox' | 'meta' | 'drawer')[];
export type WriteTx = IDBPTransaction<OrderlineDb, AllStores, 'readwrite'>;
export type AnyTx = IDBPTransaction<OrderlineDb, AllStores, IDBTransactionMode>;
export const ALL_STORES: AllStores = ['orders', 'outbox', 'meta', 'drawer'];

/**
 * Opens (and if needed creates or upgrades) the database. An upgrade never drops a store's data.
 * `onClosed` runs when this handle had to close (a newer version wants to upgrade), so the caller reopens.
 */
export async function openOrderlineDb(name = DB_NAME, onClosed?: () => void): Promise<OrderlineDatabase> {
  const db: OrderlineDatabase = await openDB<OrderlineDb>(name, DB_VERSION, {
    upgrade(upgradeDb, oldVersion, _newVersion, tx) {
      // Each step runs once, in order, so an old database keeps its outbox through every upgrade.
      if (oldVersion < 1) {
        upgradeDb.createObjectStore('orders', { keyPath: 'id' });
        upgradeDb.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        upgradeDb.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        tx.objectStore('orders').createIndex('by-active', 'active');
        const outbox = tx.objectStore('outbox');
        outbox.createIndex('by-order', 'orderId');
        outbox.createIndex('by-state', 'state');
        outbox.createIndex('by-mutation', 'mutationId', { unique: true });
        outbox.createIndex('by-next-attempt', 'nextAttemptAt');
        // Errors here abort the upgrade transaction, which rejects openDB: nothing is lost silently.
        void backfillOutboxV2(outbox);
      }
      if (oldVersion < 3) {
        // The made-up identity retires: its id is kept for pairing, its provisional code is dropped (the next
        // numbers use the paired device's code; the counter goes on, so no number repeats).
        void retireLegacyDevice(tx.objectStore('meta'));
      }
      if (oldVersion < 4) {
        // Empty at first: the drawer is learnt from the server (GET /api/drawer) or from this device's intents.
        upgradeDb.createObjectStore('drawer');
      }
      if (oldVersion < 5) {
        upgradeDb.createObjectStore('active-list');
        // No order changed after the current rev: the first record the keeper writes is trusted at once.
        void markOrdersRev(tx.objectStore('meta'));
      }
    },
    blocking() {
      // A newer SW version wants to upgrade: step aside; the caller reopens on its next use.
      db.close();
      onClosed?.();
    },
    terminated() {
      onClosed?.();
    },
  });
  return db;
}

/** v1 entries had no `state`/`nextAttemptAt`; give them the v2 fields so the new indexes see them. */
async function backfillOutboxV2(
  outbox: IDBPObjectStore<OrderlineDb, ArrayLike<StoreNames<OrderlineDb>>, 'outbox', 'versionchange'>,
): Promise<void> {
  for (let cursor = await outbox.openCursor(); cursor; cursor = await cursor.continue()) {
    const entry: Partial<OutboxEntry> = cursor.value;
    await cursor.update({
      ...cursor.value,
      state: entry.state ?? (entry.deadLetter ? 'dead' : 'waiting'),
      nextAttemptAt: entry.nextAttemptAt ?? 0,
      attempts: entry.attempts ?? 0,
      lastError: entry.lastError ?? null,
      deadLetter: entry.deadLetter ?? null,
    });
  }
}

async function retireLegacyDevice(
  meta: IDBPObjectStore<OrderlineDb, ArrayLike<StoreNames<OrderlineDb>>, 'meta', 'versionchange'>,
): Promise<void> {
  const legacy = (await meta.get('device' as MetaKey)) as LegacyDeviceMeta | undefined;
  if (legacy === undefined) return;
  await meta.put(legacy.deviceId, 'legacyDeviceId');
  await meta.delete('device' as MetaKey);
}

async function markOrdersRev(
  meta: IDBPObjectStore<OrderlineDb, ArrayLike<StoreNames<OrderlineDb>>, 'meta', 'versionchange'>,
): Promise<void> {
  const rev = (await meta.get('rev')) as number | undefined;
  await meta.put(rev ?? 0, 'ordersRev');
}

export async function getMeta<K extends MetaKey>(tx: AnyTx, key: K): Promise<MetaValues[K] | undefined> {
  return (await tx.objectStore('meta').get(key)) as MetaValues[K] | undefined;
}

export async function putMeta<K extends MetaKey>(tx: WriteTx, key: K, value: MetaValues[K]): Promise<void> {
  await tx.objectStore('meta').put(value, key);
}
