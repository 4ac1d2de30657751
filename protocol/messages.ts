// The SW <-> page protocol (DESIGN.md "SW ↔ page messages"): the only place a message shape is defined.
// Every message has `type` and `v`; receivers ignore what they do not recognise and never throw on it.

import type { MenuResponse } from './menu.ts';
import type { Drawer, MovementKind, ZReport } from './drawer.ts';
import type { ClientOrder, Order, OrderLineOption, OrderStatus, PaymentMethod } from './order.ts';
import type { DeviceIdentity } from './pairing.ts';
import type { ShopSettings } from './settings.ts';

export const PROTOCOL_VERSION = 1;
export const BROADCAST_CHANNEL = 'orderline/v1';

// ---- page → SW (postMessage with a MessageChannel port for the reply) ----

/** A new order as the page composes it. Names and prices are the page's estimate from its cached menu. */
export interface OrderDraft {
  customerName: string;
  note: string;
  items: {
    menuItemId: string;
    qty: number;
    note: string;
    name: string;
    /** Item price + Σ option deltas (protocol/pricing.ts `priceLineOptions`). */
    unitPriceCents: number;
    /** Part 3: the line's choices with their names and deltas as the page showed them. */
    options?: OrderLineOption[];
  }[];
  /** The menu version the page showed: the server prices the order from it (absent = current). */
  menuVersion?: number;
  /** Part 3: the discount preset chosen at the counter (a discount id of that menu version). */
  discount?: string;
}

/**
 * Whether this browser may talk to the API (DESIGN.md Part 2, principles 12–13). `unpaired`: never paired
 * (no identity stored, and GET /api/me answers 401); `signed-out`: it was paired and the server now answers
 * 401 (revoked, or the cookie is gone): the outbox is kept untouched and not sent until `paired` again.
 */
export type AuthState = 'unpaired' | 'paired' | 'signed-out';

/** Who this device is: the GET /api/me body (`{ id, name, role, code }`; `code` starts its ticket numbers). */
export type { DeviceIdentity };

export type SyncReason =
  'poll' | 'online' | 'visible' | 'stream-open' | 'stream-reset' | 'outbox-tick' | 'manual' | 'start';

/** A payment as the Pay dialog composes it; the SW adds id, deviceId and createdAt (principle 21). */
export interface PaymentDraft {
  method: PaymentMethod;
  amountCents: number;
  /** Cash only: what the customer handed over (≥ amount); the change is tendered − amount. */
  tenderedCents?: number;
  /** Card and other only. */
  tipCents?: number;
}

/**
 * This device's drawer as it knows it (principle 22): the server's open drawer with this device's queued
 * drawer intents and cash payments applied on top, so the Drawer screen works offline.
 */
export interface DrawerView {
  /** null = no drawer open (the counter shows `Drawer closed`). */
  drawer: Drawer | null;
  /** Drawer intents of this device still queued (open, movements, close). */
  pending: number;
  /** A close is queued: it waits behind every earlier outbox entry of this device, then answers the Z report. */
  closing: boolean;
  /** The Z report of this device's last close, once the server answered it. */
  lastReport: ZReport | null;
}

export type PageRequest =
  | { v: 1; type: 'hello' }
  | { v: 1; type: 'create-order'; draft: OrderDraft }
  | { v: 1; type: 'set-status'; id: string; status: OrderStatus }
  | { v: 1; type: 'mark-paid'; id: string }
  /** Part 3 (#21): set (a discount preset's id) or remove (null) an active order's discount, queued like a status move. */
  | { v: 1; type: 'set-discount'; id: string; discount: string | null }
  /** Part 3 (principle 21): applied to the order at once, queued after its create (per-order FIFO). */
  | { v: 1; type: 'pay'; orderId: string; payment: PaymentDraft }
  /** Owner only: refunds part or all of one payment. */
  | { v: 1; type: 'refund'; orderId: string; paymentId: string; amountCents: number; reason: string }
  /** Part 3 (principle 22): this device's drawer; the intents queue like orders. */
  | { v: 1; type: 'drawer' }
  | { v: 1; type: 'drawer-open'; floatCents: number }
  | { v: 1; type: 'drawer-move'; kind: MovementKind; amountCents: number; reason: string }
  | { v: 1; type: 'drawer-close'; countedCents: number }
  | { v: 1; type: 'retry'; mutationId: string }
  | { v: 1; type: 'discard'; mutationId: string }
  /** The leader tab forwarding one SSE `orders` event. */
  | { v: 1; type: 'push'; cursor: number; orders: Order[] }
  /** The leader tab reporting whether its EventSource is open (an addition to DESIGN.md). */
  | { v: 1; type: 'push-status'; connected: boolean }
  | { v: 1; type: 'sync-now'; reason: SyncReason }
  /** The leader tab forwarding an SSE `menu` event: the SW fetches and caches that menu, then broadcasts it. */
  | { v: 1; type: 'menu-version'; version: number }
  /**
   * The leader tab forwarding an SSE `settings` event as parsed: the SW checks them (sw/settings-keeper.ts), and
   * only valid settings are cached and broadcast.
   */
  | { v: 1; type: 'settings'; settings: unknown }
  /** For the Diagnostics view (an addition to DESIGN.md). */
  | { v: 1; type: 'diagnostics' }
  /** The finished orders this device still keeps (sw/recent-finished.ts), for History when offline. */
  | { v: 1; type: 'recent-finished' }
  /**
   * Sent by the page after its own successful POST /api/pair (the cookie is then set for the origin): the SW
   * reads GET /api/me, stores the identity, leaves `signed-out` and resumes the outbox.
   */
  | { v: 1; type: 'paired' };

export type PageRequestType = PageRequest['type'];

/** workbox-window's `messageSkipWaiting()` sends this unversioned message; the SW accepts it as is. */
export interface SkipWaitingMessage {
  type: 'SKIP_WAITING';
}

export interface MessageError {
  code: string;
  message: string;
}

/** Failures cross the boundary as data, never as exceptions. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: MessageError };

export interface SyncStatus {
  /** The last exchange with the server succeeded, or the push stream is up. */
  online: boolean;
  pushConnected: boolean;
  /** Outbox entries still to send (dead letters not counted). */
  waiting: number;
  needsAttention: DeadLetter[];
  lastSyncAt: string | null;
  /** Set when device storage failed (quota, blocked open); shown to the user. */
  storageError: string | null;
  auth: AuthState;
  /** The identity from the last pairing (kept while signed out); null when never paired. */
  device: DeviceIdentity | null;
}

export type MutationKind =
  | 'create'
  | 'status'
  | 'paid'
  | 'discount'
  | 'payment'
  | 'refund'
  | 'drawer-open'
  | 'drawer-move'
  | 'drawer-close';

/** An outbox entry the server rejected (400/404/422): kept until the user retries or discards it. */
export interface DeadLetter {
  mutationId: string;
  orderId: string;
  orderNumber: string;
  kind: MutationKind;
  /** For `status`: the status it tried to set. */
  status?: OrderStatus;
  httpStatus: number;
  code: string;
  message: string;
  failedAt: string;
}

export interface Snapshot {
  /** Active orders as this device shows them, newest first. */
  orders: ClientOrder[];
  rev: number;
  sync: SyncStatus;
  /** The highest server seq this device has applied: where the leader resumes the event stream. */
  cursor: number;
  /**
   * The id this browser pairs with (`POST /api/pair` `deviceId`), so orders it queued keep their `deviceId`:
   * the paired identity's, or the id a pre-pairing version made up; null for a browser that never had one.
   */
  deviceId: string | null;
}

export interface Diagnostics {
  outboxDepth: number;
  oldestWaitingAt: string | null;
  cacheHits: number;
  cacheMisses: number;
  pullsLastMinute: number;
  lastSyncAt: string | null;
  pushConnected: boolean;
  /** Outage end → outbox empty, most recent last (ms). */
  recoveryTimesMs: number[];
}

/** What each request answers with. */
export interface ReplyValues {
  hello: Snapshot;
  'create-order': ClientOrder;
  'set-status': ClientOrder;
  'mark-paid': ClientOrder;
  'set-discount': ClientOrder;
  pay: ClientOrder;
  refund: ClientOrder;
  drawer: DrawerView;
  'drawer-open': DrawerView;
  'drawer-move': DrawerView;
  'drawer-close': DrawerView;
  retry: null;
  discard: null;
  push: null;
  'push-status': null;
  'sync-now': null;
  'menu-version': null;
  settings: null;
  diagnostics: Diagnostics;
  'recent-finished': ClientOrder[];
  paired: DeviceIdentity;
}

// ---- SW → tabs (BroadcastChannel `orderline/v1`) ----

export type RemovalReason = 'completed' | 'cancelled' | 'discarded' | 'reset';

export interface OrdersDelta {
  v: 1;
  type: 'orders';
  /** The SW's persisted, strictly increasing revision; a gap means a tab missed a message. */
  rev: number;
  added: ClientOrder[];
  /** `changes` holds the new values of the fields that changed. */
  updated: { order: ClientOrder; changes: Partial<ClientOrder> }[];
  removed: { orderId: string; reason: RemovalReason }[];
}

export interface SyncBroadcast extends SyncStatus {
  v: 1;
  type: 'sync';
  rev: number;
}

export type Broadcast = OrdersDelta | SyncBroadcast;

/** A newly published menu the SW fetched and cached; every tab shows it. Not rev-ordered: newer version wins. */
export interface MenuBroadcast {
  v: 1;
  type: 'menu';
  menu: MenuResponse;
}

/** This device's drawer changed (an intent applied, answered, or a Z report came back). Last one wins. */
export interface DrawerBroadcast {
  v: 1;
  type: 'drawer';
  drawer: DrawerView;
}

/** The shop's settings as last pushed; every tab applies them (the kitchen's thresholds). Last one wins. */
export interface SettingsBroadcast {
  v: 1;
  type: 'settings';
  settings: ShopSettings;
}

// ---- window events each tab dispatches after the DOM shows a change (the seed's event system) ----

export interface ActiveOrderEvents {
  activeOrderAdded: { order: ClientOrder };
  activeOrderUpdated: { order: ClientOrder; changes: Partial<ClientOrder> };
  activeOrderRemoved: { orderId: string; reason: RemovalReason };
}

// ---- narrowing at the boundary ----

const PAGE_REQUEST_TYPES: ReadonlySet<string> = new Set<PageRequestType>([
  'hello',
  'create-order',
  'set-status',
  'mark-paid',
  'set-discount',
  'pay',
  'refund',
  'drawer',
  'drawer-open',
  'drawer-move',
  'drawer-close',
  'retry',
  'discard',
  'push',
  'push-status',
  'sync-now',
  'menu-version',
  'settings',
  'diagnostics',
  'recent-finished',
  'paired',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Narrows the envelope only; handlers still validate the fields they use. */
export function isPageRequest(value: unknown): value is PageRequest {
  return (
    isRecord(value) &&
    value.v === PROTOCOL_VERSION &&
    typeof value.type === 'string' &&
    PAGE_REQUEST_TYPES.has(value.type)
  );
}

export function isSkipWaiting(value: unknown): value is SkipWaitingMessage {
  return isRecord(value) && value.type === 'SKIP_WAITING';
}

export function isBroadcast(value: unknown): value is Broadcast {
  return (
    isRecord(value) &&
    value.v === PROTOCOL_VERSION &&
    (value.type === 'orders' || value.type === 'sync') &&
    typeof value.rev === 'number'
  );
}

export function isMenuBroadcast(value: unknown): value is MenuBroadcast {
  return (
    isRecord(value) &&
    value.v === PROTOCOL_VERSION &&
    value.type === 'menu' &&
    isRecord(value.menu) &&
    typeof value.menu.version === 'number'
  );
}

export function isDrawerBroadcast(value: unknown): value is DrawerBroadcast {
  return isRecord(value) && value.v === PROTOCOL_VERSION && value.type === 'drawer' && isRecord(value.drawer);
}
