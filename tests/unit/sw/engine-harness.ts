// Test harness: the real sync-engine modules on fake-indexeddb, with an injected clock, manual timers and a
// scriptable fetch. `restart()` drops the engine like a killed worker and builds a new one on the same DB.

import 'fake-indexeddb/auto';
import { v7 as uuidv7 } from 'uuid';
import type {
  Broadcast,
  DeviceIdentity,
  DrawerBroadcast,
  OrderDraft,
  OrdersDelta,
  PageRequest,
  Reply,
  ReplyValues,
} from '../../../protocol/messages.ts';
import type { Order } from '../../../protocol/order.ts';
import type { CreateOrderBody } from '../../../protocol/schemas.ts';
import { initialSyncMeta } from '../../../sw/broadcast.ts';
import { openOrderlineDb, type OrderlineDatabase } from '../../../sw/db.ts';
import type { EngineDeps } from '../../../sw/engine-context.ts';
import { createSyncEngine, type SyncEngine } from '../../../sw/sync-engine.ts';

let dbCounter = 0;

/** The identity engine tests run as (what GET /api/me answers after pairing). */
export const TEST_DEVICE: DeviceIdentity = {
  id: '0192d2a4-6c1e-7000-8000-00000000beef',
  name: 'Counter 1',
  role: 'counter',
  code: 'B',
};

/** Stores `device` as the identity of an earlier pairing, unless the database already has a sync state. */
async function seedPairing(db: OrderlineDatabase, device: DeviceIdentity): Promise<void> {
  if ((await db.get('meta', 'sync')) !== undefined) return;
  await db.put('meta', { ...initialSyncMeta(), auth: 'paired', device }, 'sync');
}

export interface ManualTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs every timer due by the clock; returns how many ran. */
  runDue(): number;
  pendingCount(): number;
}

export function createManualTimers(now: () => number): ManualTimers {
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: now() + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    runDue() {
      const due = [...pending.entries()].filter(([, t]) => t.at <= now()).sort((a, b) => a[1].at - b[1].at);
      for (const [id, timer] of due) {
        pending.delete(id);
        timer.callback();
      }
      return due.length;
    },
    pendingCount: () => pending.size,
  };
}

export type FetchHandler = (request: {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}) => Promise<Response>;

export function apiResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-orderline-api': '1', ...headers },
  });
}

export function serverOrderFrom(body: CreateOrderBody, seq: number, overrides: Partial<Order> = {}): Order {
  const items = body.items.map((item) => ({
    menuItemId: item.menuItemId,
    name: `Server ${item.menuItemId}`,
    qty: item.qty,
    unitPriceCents: 400,
    note: item.note ?? '',
  }));
  const at = new Date(Date.parse(body.createdAt) + 5).toISOString();
  return {
    id: body.id,
    number: body.number,
    deviceId: body.deviceId,
    customerName: body.customerName ?? '',
    note: body.note ?? '',
    items,
    totalCents: items.reduce((s, i) => s + i.qty * i.unitPriceCents, 0),
    status: 'pending',
    paid: false,
    createdAt: body.createdAt,
    receivedAt: at,
    updatedAt: at,
    seq,
    ...overrides,
  };
}

export function draft(menuItemId = 'flat-white', customerName = 'Ada'): OrderDraft {
  return {
    customerName,
    note: '',
    items: [{ menuItemId, qty: 1, note: '', name: 'Flat white', unitPriceCents: 380 }],
  };
}

export interface Harness {
  engine: SyncEngine;
  deps: EngineDeps;
  /** Rev-ordered broadcasts (orders, sync); drawer views go to `drawerBroadcasts()`. */
  broadcasts: Broadcast[];
  errors: unknown[];
  timers: ManualTimers;
  clock: { now: number };
  request<R extends PageRequest>(request: R): Promise<ReplyValues[R['type']]>;
  ordersDeltas(): OrdersDelta[];
  /** The drawer views posted to the tabs, oldest first. */
  drawerBroadcasts(): DrawerBroadcast[];
  /** Engines dropped by restart(): their unfinished work may still be settling. */
  retired: SyncEngine[];
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function unwrap<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`request failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

export interface HarnessOptions {
  dbName?: string;
  /** A real fetch (e.g. to a listening server) instead of the scripted handler. */
  fetch?: typeof fetch;
  baseUrl?: string;
  /** The device was paired as this identity before the test (default TEST_DEVICE); null = never paired. */
  pairedAs?: DeviceIdentity | null;
  /** The cached menu the create-order estimate prices with (EngineDeps.pricingMenu); absent = none. */
  pricingMenu?: EngineDeps['pricingMenu'];
}

export function createHarness(handler: FetchHandler, options: HarnessOptions = {}): Harness {
  const dbName = options.dbName ?? `orderline-test-${process.pid}-${++dbCounter}`;
  const clock = { now: Date.parse('2026-11-25T09:00:00.000Z') };
  const timers = createManualTimers(() => clock.now);
  const broadcasts: Broadcast[] = [];
  const drawers: DrawerBroadcast[] = [];
  const errors: unknown[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const text = typeof init?.body === 'string' ? init.body : undefined;
    return handler({
      method: init?.method ?? 'GET',
      url,
      headers: new Headers(init?.headers),
      body: text === undefined ? undefined : (JSON.parse(text) as unknown),
    });
  };
  const pairedAs = options.pairedAs === undefined ? TEST_DEVICE : options.pairedAs;
  let seeded = pairedAs === null;
  const deps: EngineDeps = {
    async openDb(onClosed) {
      const db = await openOrderlineDb(dbName, onClosed);
      if (!seeded && pairedAs !== null) await seedPairing(db, pairedAs);
      seeded = true;
      return db;
    },
    fetch: options.fetch ?? fakeFetch,
    baseUrl: options.baseUrl ?? 'http://orderline.test',
    now: () => clock.now,
    random: () => 0.5,
    newId: () => uuidv7(),
    broadcast: (message) =>
      message.type === 'drawer'
        ? drawers.push(structuredClone(message))
        : broadcasts.push(structuredClone(message)),
    timers,
    reportError: (error) => errors.push(error),
    ...(options.pricingMenu ? { pricingMenu: options.pricingMenu } : {}),
  };
  const harness: Harness = {
    engine: createSyncEngine(deps),
    deps,
    broadcasts,
    errors,
    timers,
    clock,
    async request(request) {
      return unwrap(await harness.engine.handle(request));
    },
    ordersDeltas: () => broadcasts.filter((b): b is OrdersDelta => b.type === 'orders'),
    drawerBroadcasts: () => drawers,
    retired: [],
    async restart() {
      await harness.engine.stop();
      harness.retired.push(harness.engine);
      harness.engine = createSyncEngine(deps);
    },
    async close() {
      await Promise.all(harness.retired.map((engine) => engine.settled()));
      await harness.engine.settled();
      await harness.engine.stop();
    },
  };
  return harness;
}
