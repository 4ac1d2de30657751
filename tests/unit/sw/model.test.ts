// The core proof (model-based, fast-check): the engine's real modules against the real server with a
// fault-injecting fetch. Random creates, status moves and paid marks interleave with network loss, 5xx,
// captive-portal answers, Retry-After, responses lost after the server committed, duplicated and reordered
// pushes, worker restarts, and the owner revoking the device and pairing it again (principle 13: its kept
// outbox is never dead-lettered for the 401). Part 3 adds payments, refunds, drawer opens and closes
// (tests/unit/sw/model-money.ts). Once connectivity is back, the device is paired and the engine drained, this
// device and the server agree field for field, every order exists exactly once, nothing waits, only poisoned
// creates failed, the server holds exactly the money the device took (Σ per method, each payment once), and
// every Z report counts exactly the cash taken before its close.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActiveOrdersResponse, BatchResponse, ChangesResponse } from '../../../protocol/api.ts';
import type { DeviceIdentity, OrderDraft, Snapshot } from '../../../protocol/messages.ts';
import type { PairResponse, PairingResponse } from '../../../protocol/pairing.ts';
import { isActiveStatus, type ClientOrder, type Order, type OrderStatus } from '../../../protocol/order.ts';
import { openOrderlineDb } from '../../../sw/db.ts';
import { createEngineContext } from '../../../sw/engine-context.ts';
import { readSnapshot } from '../../../sw/snapshot.ts';
import { startServer, type RunningServer } from '../../../server/start-server.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN } from '../server/order-fixtures.ts';
import { createHarness, unwrap, type Harness } from './engine-harness.ts';
import { failPut, INJECTED_MESSAGE } from './idb-put-fault.ts';
import type { ZReport } from '../../../protocol/drawer.ts';
import type { PaymentMethod } from '../../../protocol/order.ts';
import * as money from './model-money.ts';
import { migratedTemplate } from '../server/memory-store.ts';

const RUNS = Number(process.env.ORDERLINE_MODEL_RUNS ?? 200);
const SEED = process.env.ORDERLINE_MODEL_SEED ? Number(process.env.ORDERLINE_MODEL_SEED) : undefined;

let server: RunningServer;

/**
 * Every request of the run carries the owner bearer token: the device under test stands for a paired one
 * (pairing is not what this model is about), and the admin token is exempt from device_mismatch.
 */
function authedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
  return fetch(input, { ...init, headers });
}
const SEED_ORDER = {
  id: '0190f0a0-0000-7000-8000-00000000feed',
  number: 'S-001',
  deviceId: '0190f0a0-0000-7000-8000-0000000000fe',
  createdAt: '2026-11-25T07:00:00.000Z',
  items: [{ menuItemId: 'flat-white', qty: 1 }],
};
let runNumber = 0;
const timing = { run: 0, check: 0 };
const stats = {
  runs: 0,
  commands: 0,
  faults: 0,
  restarts: 0,
  pushes: 0,
  remoteMoves: 0,
  deadLetters: 0,
  revocations: 0,
  batches: 0,
  partialFailures: 0,
  /** `hello` answers compared with IndexedDB at the same rev (the worker may answer from memory). */
  hellosCompared: 0,
  /** Workers killed while an IndexedDB transaction was half done (the transaction aborted, then a restart). */
  killsMidTransaction: 0,
  /** Payments taken on the device and drawer closes answered with a Z report. */
  payments: 0,
  closes: 0,
};
/** Faults that took effect, by kind: counted where the fault is injected, not where it is requested. */
const injected: Record<Exclude<FaultKind, 'up'>, number> = {
  down: 0,
  serverErrors: 0,
  throttled: 0,
  captive: 0,
  lostAnswers: 0,
  batchRefused: 0,
  partialFailures: 0,
};

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    initialDump: await migratedTemplate(),
    distDir: '/nonexistent-orderline-dist',
    rateLimit: false,
    adminToken: TEST_ADMIN_TOKEN,
    // The engine and the server share this process: a slow moment must not shed the test's own reads (503).
    limits: { maxEventLoopDelayMs: 0 },
  });
  // A server with history: since=0 would be a reset (the active snapshot), and the runs read the feed.
  const seed = await authedFetch(`${server.url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': SEED_ORDER.id },
    body: JSON.stringify(SEED_ORDER),
  });
  expect(seed.status).toBe(201);
});

afterAll(async () => {
  const t = performance.now();
  await server?.app.close();
  const t2 = performance.now();
  await server?.close();
  console.info(
    `[model] app.close ${(t2 - t).toFixed(0)} ms, store close ${(performance.now() - t2).toFixed(0)} ms`,
  );
  console.info(
    `[model] ${stats.runs} runs, ${stats.commands} commands, ${stats.faults} faults ` +
      `(${(stats.faults / Math.max(stats.runs, 1)).toFixed(1)}/run), ${stats.restarts} restarts, ` +
      `${stats.pushes} pushes, ${stats.remoteMoves} remote moves, ${stats.deadLetters} dead letters, ` +
      `${stats.revocations} revocations, ` +
      `${stats.batches} batches (${stats.partialFailures} partial failures), ` +
      `${stats.hellosCompared} hellos compared with IDB, ${stats.killsMidTransaction} kills mid-transaction, ` +
      `${stats.payments} payments, ${stats.closes} Z reports; ` +
      `faults that took effect ${JSON.stringify(injected)}; ms in runs ${timing.run.toFixed(0)}, checks ${timing.check.toFixed(0)}`,
  );
}, 120_000);

// ---- the fault-injecting network between the engine and the real server ----

interface Faults {
  down: boolean;
  /** Next N requests get an API 503. */
  serverErrors: number;
  /** Next N requests get a 429 with Retry-After: 1. */
  throttled: number;
  /** Next N requests get a captive portal's HTML 200. */
  captive: number;
  /** Next N writes reach the server and commit, but the answer is lost. */
  lostAnswers: number;
  /** Next N batches are refused as by a server without POST /api/batch (404): entries must go alone. */
  batchRefused: number;
  /**
   * Next N batches commit, but one result in each comes back as a 503 (a partial failure): only that entry
   * may be retried, and its replay must find the committed write.
   */
  partialFailures: number;
}

function noFaults(): Faults {
  return {
    down: false,
    serverErrors: 0,
    throttled: 0,
    captive: 0,
    lostAnswers: 0,
    batchRefused: 0,
    partialFailures: 0,
  };
}

/** The device credential the engine's requests carry (a browser sends it as the cookie). */
interface Credential {
  token: string;
}

/** What the engine asked for, from the method and the path (not a URL suffix). */
type RequestKind = 'batch' | 'create' | 'patch' | 'money' | 'pull' | 'active' | 'identity' | 'other';

function requestKind(input: string | URL | Request, init?: RequestInit): RequestKind {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const path = url.pathname;
  if (method === 'POST' && path === '/api/batch') return 'batch';
  if (method === 'POST' && path === '/api/orders') return 'create';
  if (method === 'PATCH' && /^\/api\/orders\/[^/]+$/.test(path)) return 'patch';
  if (method === 'POST' && /^\/api\/(orders\/[^/]+\/(payments|refunds)|drawer\/[a-z]+)$/.test(path))
    return 'money';
  if (method === 'GET' && path === '/api/orders/changes') return 'pull';
  if (method === 'GET' && path === '/api/orders') return 'active';
  if (method === 'GET' && path === '/api/me') return 'identity';
  return 'other';
}

const WRITES: ReadonlySet<RequestKind> = new Set(['batch', 'create', 'patch', 'money']);

function faultyFetch(faults: Faults, credential: Credential): typeof fetch {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-orderline-api': '1', ...headers },
    });
  return async (input, init) => {
    const kind = requestKind(input, init);
    if (faults.down) {
      injected.down += 1;
      throw new TypeError('Failed to fetch');
    }
    if (faults.serverErrors > 0) {
      faults.serverErrors -= 1;
      injected.serverErrors += 1;
      return json(503, { error: { code: 'unavailable', message: 'injected outage' } });
    }
    if (faults.throttled > 0) {
      faults.throttled -= 1;
      injected.throttled += 1;
      return json(429, { error: { code: 'rate_limited', message: 'injected' } }, { 'retry-after': '1' });
    }
    if (faults.captive > 0) {
      faults.captive -= 1;
      injected.captive += 1;
      return new Response('<html>Sign in to the Wi-Fi</html>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      });
    }
    const isBatch = kind === 'batch';
    if (isBatch) stats.batches += 1;
    if (isBatch && faults.batchRefused > 0) {
      faults.batchRefused -= 1;
      injected.batchRefused += 1;
      return json(404, { error: { code: 'not_found', message: 'no route POST /api/batch' } });
    }
    // The device's own credential (a browser sends it as the cookie), not the owner's.
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${credential.token}`);
    const response = await fetch(input, { ...init, headers });
    if (isBatch && response.status === 200 && faults.partialFailures > 0) {
      faults.partialFailures -= 1;
      const { results } = (await response.json()) as BatchResponse;
      const victim = results.findIndex((result) => result.status < 300);
      if (victim >= 0) {
        stats.partialFailures += 1;
        injected.partialFailures += 1;
        results[victim] = {
          status: 503,
          error: { code: 'unavailable', message: 'injected partial failure' },
        };
      }
      return json(200, { results });
    }
    if (faults.lostAnswers > 0 && WRITES.has(kind)) {
      faults.lostAnswers -= 1;
      injected.lostAnswers += 1;
      await response.arrayBuffer(); // the server has answered (and committed); we drop the answer
      throw new TypeError('connection reset after the server committed');
    }
    return response;
  };
}

// ---- model and real system ----

interface ModelOrder {
  id: string;
  poison: boolean;
  status: OrderStatus;
  paid: boolean;
  /** Another device changed it too: its final state is whatever the server settled on. */
  contested: boolean;
}

interface Model {
  orders: ModelOrder[];
  money: money.MoneyModel;
}

interface Real {
  h: Harness;
  faults: Faults;
  credential: Credential;
  device: DeviceIdentity;
  /** The owner revoked this device and it has not been paired again yet. */
  revoked: boolean;
  startCursor: number;
  /** Server states seen by earlier pushes: replaying them later is a stale, out-of-order push. */
  history: Order[];
}

type Cmd = fc.AsyncCommand<Model, Real>;

function orderDraft(poison: boolean, customer: string): OrderDraft {
  return {
    customerName: customer,
    note: '',
    items: [
      { menuItemId: 'flat-white', qty: 2, note: 'oat', name: 'Flat white', unitPriceCents: 1 },
      // An id the server's menu does not have: the server rejects the create with 422.
      ...(poison
        ? [{ menuItemId: 'unicorn-latte', qty: 1, note: '', name: 'Unicorn', unitPriceCents: 1 }]
        : []),
    ],
  };
}

class CreateCmd implements Cmd {
  constructor(
    readonly poison: boolean,
    readonly customer: string,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const order = unwrap(
      await r.h.engine.handle({ v: 1, type: 'create-order', draft: orderDraft(this.poison, this.customer) }),
    );
    expect(order).toMatchObject({ status: 'pending', paid: false });
    m.orders.push({ id: order.id, poison: this.poison, status: 'pending', paid: false, contested: false });
  }
  toString = () => `create(${this.poison ? 'poison' : 'ok'})`;
}

/**
 * The model's own status rules, written out from DESIGN principle 4 rather than taken from the app's
 * status machine: the flow pending → preparing → ready → completed only goes forward (skipping is allowed),
 * an active order may be cancelled, a finished one never moves, and anything else leaves it as it was.
 */
const FLOW_POSITION: Record<OrderStatus, number | null> = {
  pending: 0,
  preparing: 1,
  ready: 2,
  completed: 3,
  cancelled: null,
};

function expectedStatusAfter(current: OrderStatus, requested: OrderStatus): OrderStatus {
  if (current === 'completed' || current === 'cancelled') return current;
  if (requested === 'cancelled') return 'cancelled';
  const from = FLOW_POSITION[current]!;
  const to = FLOW_POSITION[requested]!;
  return to > from ? requested : current;
}

/** Orders this device can still act on with a known outcome. */
function activeOrders(m: Model): ModelOrder[] {
  return m.orders.filter((o) => isActiveStatus(o.status) && !o.contested);
}

/** Another device moves one of our orders on the server directly (it may race our own pending moves). */
class RemoteMoveCmd implements Cmd {
  constructor(
    readonly pick: number,
    readonly status: OrderStatus,
  ) {}
  check = (m: Readonly<Model>) => activeOrders(m as Model).some((o) => !o.poison);
  async run(m: Model, _r: Real) {
    const candidates = activeOrders(m).filter((o) => !o.poison);
    const target = candidates[this.pick % candidates.length];
    if (!target) return;
    const response = await authedFetch(`${server.url}/api/orders/${target.id}`, {
      method: 'PATCH',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ status: this.status }),
    });
    await response.arrayBuffer();
    // 404: our create has not reached the server yet, so the other device could not see the order.
    if (response.status === 404) return;
    expect(response.status).toBe(200);
    stats.remoteMoves += 1;
    target.contested = true;
  }
  toString = () => `remoteMove(#${this.pick}, ${this.status})`;
}

class SetStatusCmd implements Cmd {
  constructor(
    readonly pick: number,
    readonly status: OrderStatus,
  ) {}
  check = (m: Readonly<Model>) => activeOrders(m as Model).length > 0;
  async run(m: Model, r: Real) {
    const candidates = activeOrders(m);
    const target = candidates[this.pick % candidates.length];
    if (!target) return;
    const view = unwrap(
      await r.h.engine.handle({ v: 1, type: 'set-status', id: target.id, status: this.status }),
    );
    target.status = expectedStatusAfter(target.status, this.status);
    // Optimistic: the device shows the move at once, whatever the network is doing.
    expect(view.status).toBe(target.status);
  }
  toString = () => `setStatus(#${this.pick}, ${this.status})`;
}

class MarkPaidCmd implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => activeOrders(m as Model).length > 0;
  async run(m: Model, r: Real) {
    const candidates = activeOrders(m);
    const target = candidates[this.pick % candidates.length];
    if (!target) return;
    const view = unwrap(await r.h.engine.handle({ v: 1, type: 'mark-paid', id: target.id }));
    target.paid = true;
    m.money.markPaids += 1;
    expect(view.paid).toBe(true);
  }
  toString = () => `markPaid(#${this.pick})`;
}

/** Money changes hands for one of this device's orders, whatever its state (principle 21). */
class PayCmd implements Cmd {
  constructor(
    readonly pick: number,
    readonly method: PaymentMethod,
    readonly amountCents: number,
    readonly extraCents: number,
  ) {}
  check = (m: Readonly<Model>) => m.orders.length > 0;
  async run(m: Model, r: Real) {
    const target = m.orders[this.pick % m.orders.length];
    if (!target) return;
    await money.pay(r.h, m.money, target.id, target.poison, this.method, this.amountCents, this.extraCents);
  }
  toString = () => `pay(#${this.pick}, ${this.method} ${this.amountCents}+${this.extraCents})`;
}

class RefundCmd implements Cmd {
  constructor(
    readonly pick: number,
    readonly fraction: number,
  ) {}
  check = (m: Readonly<Model>) => m.money.payments.length > 0;
  async run(m: Model, r: Real) {
    await money.refund(r.h, m.money, this.pick, this.fraction);
  }
  toString = () => `refund(#${this.pick}, ${this.fraction})`;
}

class DrawerOpenCmd implements Cmd {
  constructor(readonly floatCents: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await money.drawerOpen(r.h, m.money, this.floatCents);
  }
  toString = () => `drawerOpen(${this.floatCents})`;
}

class DrawerCloseCmd implements Cmd {
  constructor(readonly countedCents: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await money.drawerClose(r.h, m.money, this.countedCents);
  }
  toString = () => `drawerClose(${this.countedCents})`;
}

type FaultKind =
  | 'down'
  | 'up'
  | 'serverErrors'
  | 'throttled'
  | 'captive'
  | 'lostAnswers'
  | 'batchRefused'
  | 'partialFailures';

class FaultCmd implements Cmd {
  constructor(
    readonly kind: FaultKind,
    readonly count: number,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    stats.faults += this.kind === 'up' ? 0 : 1;
    if (this.kind === 'down') r.faults.down = true;
    else if (this.kind === 'up') {
      r.faults.down = false;
      // The browser's `online` event.
      await r.h.engine.serverMaybeBack();
    } else r.faults[this.kind] += this.count;
  }
  toString = () => `fault(${this.kind}${this.kind === 'down' || this.kind === 'up' ? '' : `×${this.count}`})`;
}

/**
 * Pushes built from the real changes feed, fed out of order and/or twice (SSE replays overlap), optionally
 * preceded by stale states from earlier pushes (an old event arriving late).
 */
class PushCmd implements Cmd {
  constructor(
    readonly back: number,
    readonly reversed: boolean,
    readonly duplicated: boolean,
    readonly stale: boolean,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const head = await serverJson<ActiveOrdersResponse>('/api/orders?status=active');
    const since = Math.max(r.startCursor, head.cursor - this.back);
    const feed = await serverJson<ChangesResponse>(`/api/orders/changes?since=${since}`);
    let batches = feed.orders.map((order) => ({ cursor: order.seq, orders: [order] }));
    if (this.reversed) batches = batches.reverse();
    if (this.duplicated) batches = [...batches, ...batches];
    if (this.stale)
      batches = [...batches, ...r.history.map((order) => ({ cursor: order.seq, orders: [order] }))];
    r.history = [...r.history, ...feed.orders].slice(-30);
    for (const batch of batches) {
      stats.pushes += 1;
      unwrap(await r.h.engine.handle({ v: 1, type: 'push', cursor: batch.cursor, orders: batch.orders }));
    }
  }
  toString = () =>
    `push(back ${this.back}${this.reversed ? ', reversed' : ''}${this.duplicated ? ', twice' : ''})`;
}

class RestartCmd implements Cmd {
  check = () => true;
  async run(_m: Model, r: Real) {
    stats.restarts += 1;
    // Killed at any instant: in-flight work of the old worker is cut off (its writes fail), IDB stays.
    await r.h.restart();
    await r.h.engine.start();
  }
  toString = () => 'restart';
}

/**
 * Chromium kills the worker while one of its IndexedDB transactions is half done: a put on one store goes
 * through and the transaction is then aborted under it (as a dying worker's is), and a new worker starts
 * from what IndexedDB holds. The sync that was running is the engine's own background work (pull, flush).
 */
class KillMidTransactionCmd implements Cmd {
  constructor(
    readonly store: 'orders' | 'outbox' | 'meta',
    readonly skip: number,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const fault = failPut({ store: this.store, skip: this.skip, mode: 'abort' });
    const errorsBefore = r.h.errors.length;
    try {
      await r.h.engine.syncNow('manual');
      await r.h.engine.settled();
    } catch {
      // The aborted transaction's error: the worker dies with it.
    } finally {
      fault.restore();
    }
    // The abort was reported by the dying worker's background work: expected, and only that.
    const reported = r.h.errors.splice(errorsBefore);
    expect(reported.filter((e) => !isInjectedAbort(e))).toEqual([]);
    if (fault.injected > 0) stats.killsMidTransaction += 1;
    await r.h.restart();
    await r.h.engine.start();
  }
  toString = () => `killMidTransaction(${this.store}, after ${this.skip} puts)`;
}

/** The abort itself, or what a request meets on the transaction the abort finished (the dying worker's errors). */
const ABORT_AFTERMATH: ReadonlySet<string> = new Set([
  'AbortError',
  'InvalidStateError',
  'TransactionInactiveError',
]);

function isInjectedAbort(error: unknown): boolean {
  return (
    String(error).includes(INJECTED_MESSAGE) ||
    (error instanceof DOMException && ABORT_AFTERMATH.has(error.name)) ||
    (error instanceof AggregateError && error.errors.some(isInjectedAbort))
  );
}

/** The owner revokes this device (DELETE /api/devices/:id): from now on the server answers it 401. */
class RevokeCmd implements Cmd {
  check = (m: Readonly<Model>) => m.orders.length > 0;
  async run(_m: Model, r: Real) {
    if (r.revoked) return;
    stats.revocations += 1;
    const response = await fetch(`${server.url}/api/devices/${r.device.id}`, {
      method: 'DELETE',
      headers: OWNER_AUTH,
    });
    expect(response.status).toBe(204);
    r.revoked = true;
  }
  toString = () => 'revoke';
}

/** The device is paired again with the id it holds, and the page tells the engine `paired`. */
class RepairCmd implements Cmd {
  check = () => true;
  async run(_m: Model, r: Real) {
    if (!r.revoked) return;
    // Whatever the engine sent while revoked was kept, never dead-lettered for the 401.
    const before = unwrap(await r.h.engine.handle({ v: 1, type: 'hello' }));
    expect(before.sync.needsAttention.filter((l) => l.httpStatus === 401)).toEqual([]);
    await repair(r);
  }
  toString = () => 'repair';
}

/** `oldToken`: the revoked credential a browser still sends, its proof that `deviceId` is its own. */
async function pairNewDevice(deviceId?: string, oldToken?: string): Promise<PairResponse> {
  const pairing = await serverJson<PairingResponse>('/api/pairings', {
    method: 'POST',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    // An owner device: it takes payments like a counter and may also refund (principle 21).
    body: JSON.stringify({ role: 'owner' }),
  });
  // Plain fetch: the admin token authedFetch adds would stand in for the old credential.
  const response = await fetch(`${server.url}/api/pair`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(oldToken ? { authorization: `Bearer ${oldToken}` } : {}),
    },
    body: JSON.stringify({ code: pairing.code, name: 'Model till', ...(deviceId ? { deviceId } : {}) }),
  });
  if (!response.ok) throw new Error(`/api/pair: HTTP ${response.status}`);
  return (await response.json()) as PairResponse;
}

async function repair(r: Real): Promise<void> {
  const paired = await pairNewDevice(r.device.id, r.credential.token);
  // The same id comes back, so the orders the device queued under it are still its own.
  expect(paired.device.id).toBe(r.device.id);
  r.credential.token = paired.token;
  r.revoked = false;
  // The page's `paired` can meet any network fault; the next one (or drain's) gets through.
  const reply = await r.h.engine.handle({ v: 1, type: 'paired' });
  if (reply.ok) expect(reply.value).toMatchObject({ id: r.device.id, code: r.device.code });
}

class TickCmd implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    r.h.clock.now += this.ms;
    r.h.timers.runDue();
    await r.h.engine.settled();
  }
  toString = () => `tick(${this.ms})`;
}

/** What IndexedDB holds, read by a context of its own: no in-memory active orders in between. */
async function storedSnapshot(r: Real): Promise<Snapshot> {
  const ctx = createEngineContext(r.h.deps);
  try {
    return await readSnapshot(ctx);
  } finally {
    await ctx.stop();
  }
}

/**
 * A tab opens. The worker may answer `hello` from its in-memory active orders; at the rev IndexedDB holds,
 * they must be what IndexedDB holds (background work that commits in between moves the rev: not compared).
 */
class HelloCmd implements Cmd {
  check = () => true;
  async run(_m: Model, r: Real) {
    const served = unwrap(await r.h.engine.handle({ v: 1, type: 'hello' }));
    const stored = await storedSnapshot(r);
    if (served.rev !== stored.rev) return;
    stats.hellosCompared += 1;
    expect(served.orders).toEqual(stored.orders);
  }
  toString = () => 'hello';
}

class SyncNowCmd implements Cmd {
  check = () => true;
  async run(_m: Model, r: Real) {
    unwrap(await r.h.engine.handle({ v: 1, type: 'sync-now', reason: 'outbox-tick' }));
  }
  toString = () => 'syncNow';
}

const createCmd = fc
  .tuple(fc.nat(9), fc.string({ maxLength: 12 }))
  .map(([roll, customer]) => new CreateCmd(roll === 0, customer));
const faultCmd = fc
  .constantFrom<FaultKind>(
    'down',
    'up',
    'up',
    'serverErrors',
    'throttled',
    'captive',
    'lostAnswers',
    'lostAnswers',
    'batchRefused',
    'partialFailures',
    'partialFailures',
  )
  .chain((kind) => fc.integer({ min: 1, max: 3 }).map((n) => new FaultCmd(kind, n)));
const statusCmd = fc
  .tuple(fc.nat(20), fc.constantFrom<OrderStatus>('preparing', 'ready', 'completed', 'cancelled', 'pending'))
  .map(([p, s]) => new SetStatusCmd(p, s));

// Listed more than once = drawn more often: intents and faults are what the runs are about.
const commands = [
  createCmd,
  createCmd,
  statusCmd,
  statusCmd,
  fc.nat(20).map((p) => new MarkPaidCmd(p)),
  fc
    .tuple(
      fc.nat(20),
      fc.constantFrom<PaymentMethod>('cash', 'card', 'other'),
      fc.integer({ min: 1, max: 900 }),
      fc.nat(300),
    )
    .map(([p, method, amount, extra]) => new PayCmd(p, method, amount, extra)),
  fc
    .tuple(
      fc.nat(20),
      fc.constantFrom<PaymentMethod>('cash', 'card', 'other'),
      fc.integer({ min: 1, max: 900 }),
      fc.nat(300),
    )
    .map(([p, method, amount, extra]) => new PayCmd(p, method, amount, extra)),
  fc.tuple(fc.nat(20), fc.nat(1000)).map(([p, f]) => new RefundCmd(p, f)),
  fc.nat(5000).map((f) => new DrawerOpenCmd(f)),
  fc.nat(5000).map((c) => new DrawerCloseCmd(c)),
  faultCmd,
  faultCmd,
  faultCmd,
  fc
    .tuple(fc.nat(6), fc.boolean(), fc.boolean(), fc.boolean())
    .map(([back, rev, dup, stale]) => new PushCmd(back, rev, dup, stale)),
  fc
    .tuple(fc.nat(6), fc.boolean(), fc.boolean(), fc.boolean())
    .map(([back, rev, dup, stale]) => new PushCmd(back, rev, dup, stale)),
  fc
    .tuple(fc.nat(20), fc.constantFrom<OrderStatus>('preparing', 'ready', 'completed', 'cancelled'))
    .map(([p, s]) => new RemoteMoveCmd(p, s)),
  fc.constant(null).map(() => new RestartCmd()),
  fc
    .tuple(fc.constantFrom<'orders' | 'outbox' | 'meta'>('orders', 'outbox', 'meta'), fc.nat(2))
    .map(([store, skip]) => new KillMidTransactionCmd(store, skip)),
  fc.integer({ min: 100, max: 40_000 }).map((ms) => new TickCmd(ms)),
  fc.constant(null).map(() => new SyncNowCmd()),
  fc.constant(null).map(() => new HelloCmd()),
  fc.constant(null).map(() => new RevokeCmd()),
  fc.constant(null).map(() => new RepairCmd()),
];

/** A request as the owner (admin token), unless the caller brings its own headers. */
async function serverJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await authedFetch(`${server.url}${path}`, init);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Connectivity back, the user deals with dead letters, and the engine runs until nothing waits. */
async function drain(m: Model, r: Real): Promise<void> {
  Object.assign(r.faults, noFaults());
  await Promise.all(r.h.retired.map((engine) => engine.settled()));
  if (r.revoked) await repair(r);
  // `paired` again: a repair whose message met a fault left the engine signed out (the page would retry).
  unwrap(await r.h.engine.handle({ v: 1, type: 'paired' }));
  await r.h.engine.serverMaybeBack();
  for (let round = 0; round < 40; round += 1) {
    r.h.clock.now += 31_000; // past any backoff or Retry-After
    r.h.timers.runDue();
    await r.h.engine.syncNow('manual');
    await r.h.engine.settled();
    const snapshot = unwrap(await r.h.engine.handle({ v: 1, type: 'hello' }));
    for (const letter of snapshot.sync.needsAttention) {
      stats.deadLetters += 1;
      if (money.isVoidClose(m.money, letter)) {
        unwrap(await r.h.engine.handle({ v: 1, type: 'discard', mutationId: letter.mutationId }));
        continue;
      }
      const order = m.orders.find((o) => o.id === letter.orderId);
      // Only what the test made the server reject may fail: a create carrying an unknown menu item.
      expect({ kind: letter.kind, poison: order?.poison, code: letter.code }).toEqual({
        kind: 'create',
        poison: true,
        code: 'unknown_menu_item',
      });
      unwrap(await r.h.engine.handle({ v: 1, type: 'discard', mutationId: letter.mutationId }));
    }
    if (snapshot.sync.waiting === 0 && snapshot.sync.needsAttention.length === 0) return;
  }
  throw new Error('the outbox did not drain');
}

function withoutSyncState(order: ClientOrder): Omit<ClientOrder, 'syncState'> {
  const { syncState: _syncState, ...rest } = order;
  return rest;
}

async function checkAgreement(m: Model, r: Real): Promise<void> {
  await r.h.engine.syncNow('manual');
  await r.h.engine.settled();
  const snapshot = unwrap(await r.h.engine.handle({ v: 1, type: 'hello' }));
  const serverActive = await serverJson<ActiveOrdersResponse>('/api/orders?status=active');
  const stored = await storedSnapshot(r);
  expect({ rev: snapshot.rev, orders: snapshot.orders }).toEqual({ rev: stored.rev, orders: stored.orders });
  stats.hellosCompared += 1;
  expect(snapshot.sync).toMatchObject({ waiting: 0, needsAttention: [], online: true });
  expect(snapshot.orders.every((o) => o.syncState === 'saved')).toBe(true);
  // Field for field, same order (newest first).
  expect(snapshot.orders.map(withoutSyncState)).toEqual(serverActive.orders);

  // Every created order exists exactly once on the server, with the state the user gave it.
  const feed = await serverJson<ChangesResponse>(`/api/orders/changes?since=${r.startCursor}&limit=1000`);
  const mine = feed.orders.filter((o: Order) => o.deviceId === snapshot.deviceId);
  const expected = m.orders.filter((o) => !o.poison);
  expect(mine.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
  expect(new Set(mine.map((o) => o.number)).size).toBe(mine.length);
  for (const order of expected.filter((o) => !o.contested)) {
    // Part 3: `paid` is derived from the ledger; payments and refunds make it the server's arithmetic (checked
    // in checkMoney), so only a plain mark-paid or no money at all says what it must be.
    const moneyMoved = m.money.payments.some((p) => p.orderId === order.id);
    const expectation = moneyMoved ? { status: order.status } : { status: order.status, paid: order.paid };
    expect(mine.find((o) => o.id === order.id)).toMatchObject(expectation);
  }
  const reports = await serverJson<{ reports: ZReport[] }>('/api/reports/z');
  const drawer = unwrap(await r.h.engine.handle({ v: 1, type: 'drawer' }));
  const poisoned = new Set(m.orders.filter((o) => o.poison).map((o) => o.id));
  money.checkMoney(m.money, poisoned, mine, reports.reports, r.device.id, drawer.lastReport);
  stats.payments += m.money.payments.length;
  stats.closes += m.money.closes.filter((c) => c === 'real').length;
}

/** Leaves the server's active list empty for the next run (each run is one fresh device). */
async function cancelEverything(): Promise<number> {
  const active = await serverJson<ActiveOrdersResponse>('/api/orders?status=active');
  for (const order of active.orders) {
    await serverJson(`/api/orders/${order.id}`, {
      method: 'PATCH',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ status: 'cancelled' }),
    });
  }
  return (await serverJson<ActiveOrdersResponse>('/api/orders?status=active')).cursor;
}

describe('model: engine against the real server with faults', () => {
  it(
    `device and server agree after any interleaving of intents and faults (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: '+1' }), async (cmds) => {
          const startCursor = await cancelEverything();
          runNumber += 1;
          const dbName = `orderline-model-${process.pid}-${runNumber}`;
          // This device has been in sync before: its cursor is the server's head (no full history pull).
          const db = await openOrderlineDb(dbName);
          await db.put('meta', startCursor, 'cursor');
          db.close();
          const faults = noFaults();
          const paired = await pairNewDevice();
          const credential: Credential = { token: paired.token };
          const h = createHarness(() => Promise.reject(new Error('unused')), {
            dbName,
            fetch: faultyFetch(faults, credential),
            baseUrl: server.url,
            pairedAs: paired.device,
          });
          const model: Model = { orders: [], money: money.emptyMoney() };
          const real: Real = {
            h,
            faults,
            credential,
            device: paired.device,
            revoked: false,
            startCursor,
            history: [],
          };
          try {
            const t0 = performance.now();
            await h.engine.start();
            await fc.asyncModelRun(() => ({ model, real }), cmds);
            stats.runs += 1;
            stats.commands += [...cmds].length;
            await drain(model, real);
            const t1 = performance.now();
            await checkAgreement(model, real);
            expect(h.errors).toEqual([]);
            timing.run += t1 - t0;
            timing.check += performance.now() - t1;
          } finally {
            Object.assign(faults, noFaults());
            await h.close();
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
      // A run of the default size that never exercised one of its faults proves nothing about it: every kind
      // of injected fault, and every kind of event the model counts, must have taken effect at least once.
      if (RUNS >= 100) {
        for (const [kind, count] of Object.entries(injected))
          expect(count, `fault ${kind} took effect`).toBeGreaterThan(0);
        for (const [name, count] of Object.entries(stats))
          expect(count, `${name} happened`).toBeGreaterThan(0);
      }
    },
    30 * 60_000,
  );
});
