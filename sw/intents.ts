// Page intents (create-order, set-status, mark-paid, retry, discard): each is ONE IDB transaction that
// writes the order view, the outbox entry and the rev together; the caller then kicks the flush.

import type { OrderDraft } from '../protocol/messages.ts';
import type { MenuResponse } from '../protocol/menu.ts';
import type { ClientOrder, OrderStatus } from '../protocol/order.ts';
import type { CreateOrderBody } from '../protocol/schemas.ts';
import { canTransition } from '../protocol/status-machine.ts';
import { getMeta, putMeta, type OutboxEntry, type OutboxPayload, type WriteTx } from './db.ts';
import { readSyncMeta } from './broadcast.ts';
import { formatOrderNumber } from './device.ts';
import type { EngineContext } from './engine-context.ts';
import { recomputeOrder } from './apply-orders.ts';
import { describeChange, rebase } from './merge.ts';
import { estimateOrder } from './order-estimate.ts';
import { putRecord, toRecord } from './order-record.ts';
import {
  addOutboxEntry,
  deleteOutboxEntry,
  findByMutation,
  outboxForOrder,
  putOutboxEntry,
} from './outbox-store.ts';

/** A write that committed proves storage works again: clear an earlier storage error. */
const STORAGE_OK = { storageError: null };

/** A refused intent; crosses to the page as `{ ok: false, error }`. */
export class IntentError extends Error {
  constructor(
    readonly code:
      | 'not_found'
      | 'invalid_draft'
      | 'invalid_request'
      | 'not_dead_letter'
      /** No identity yet: orders come only from a paired device (its code makes the numbers). */
      | 'not_paired'
      /** `paired` could not reach the server to learn who this device is. */
      | 'unreachable'
      // Part 3 (principles 21-22): refused on the device, so they never become dead letters.
      | 'forbidden'
      | 'unknown_payment'
      | 'refund_exceeds_payment'
      | 'drawer_already_open'
      | 'no_open_drawer',
    message: string,
  ) {
    super(message);
  }
}

export function newEntry(
  ctx: EngineContext,
  order: { id: string; number: string },
  payload: OutboxPayload,
  createdAt: string,
): OutboxEntry {
  return {
    mutationId: ctx.deps.newId(),
    orderId: order.id,
    orderNumber: order.number,
    kind: payload.kind,
    payload,
    createdAt,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    state: 'waiting',
    deadLetter: null,
  };
}

/** The order's view as this device shows it; `not_found` when it is not on this device. */
export async function viewOf(tx: WriteTx, id: string): Promise<ClientOrder> {
  const record = await tx.objectStore('orders').get(id);
  if (!record) throw new IntentError('not_found', `order ${id} is not on this device`);
  return record.view;
}

/** Refuses an intent whose fields are malformed (never queued, never a dead letter). */
export function invalid(message: string): never {
  throw new IntentError('invalid_request', message);
}

/**
 * The cached menu for the estimate: from memory at once (the usual case, no await), read from the menu
 * cache only by a worker that starts cold. An unreadable cache costs the estimate its tax, never the order.
 */
export async function menuForEstimate(ctx: EngineContext): Promise<MenuResponse | null> {
  const menu = ctx.deps.pricingMenu?.() ?? null;
  if (!(menu instanceof Promise)) return menu;
  try {
    return await menu;
  } catch (error) {
    ctx.deps.reportError(error);
    return null;
  }
}

export async function createOrder(ctx: EngineContext, draft: OrderDraft): Promise<ClientOrder> {
  if (!Array.isArray(draft.items) || draft.items.length === 0) {
    throw new IntentError('invalid_draft', 'an order needs at least one item');
  }
  const inMemory = ctx.deps.pricingMenu?.() ?? null;
  const menu = inMemory instanceof Promise ? await menuForEstimate(ctx) : inMemory;
  return ctx.write(async (tx) => {
    // Requests are issued together and awaited once (each await is a round trip to the IDB thread); all stay
    // in this one transaction, and IDB runs them in issue order.
    const [{ device }, lastCounter] = await Promise.all([readSyncMeta(tx), getMeta(tx, 'ticketCounter')]);
    // A signed-out device keeps its identity and may still queue (its orders wait for re-pairing); a browser
    // never paired has no code to number with, and the page shows it the pairing screen instead.
    if (device === null) throw new IntentError('not_paired', 'pair this device before taking orders');
    const counter = (lastCounter ?? 0) + 1;
    const id = ctx.deps.newId();
    const number = formatOrderNumber(device.code, counter);
    const createdAt = new Date(ctx.deps.now()).toISOString();
    const body: CreateOrderBody = {
      id,
      number,
      deviceId: device.id,
      createdAt,
      customerName: draft.customerName,
      note: draft.note,
      // Only the choices' ids go out (the server prices them); sent only when chosen, so a create
      // without options keeps the exact body (and fingerprint) of Parts 1-2.
      items: draft.items.map(({ menuItemId, qty, note, options }) => ({
        menuItemId,
        qty,
        note,
        ...(options && options.length > 0
          ? { options: options.map(({ group, option }) => ({ group, option })) }
          : {}),
      })),
      // Stored on the entry, so an order taken offline is priced from the menu the customer was shown.
      ...(Number.isSafeInteger(draft.menuVersion) ? { menuVersion: draft.menuVersion } : {}),
      ...(typeof draft.discount === 'string' ? { discount: draft.discount } : {}),
    };
    // Names, prices, tax and discount are the estimate from the cached menu until the server answers.
    const estimate = estimateOrder(draft, menu);
    const optimistic: ClientOrder = {
      id,
      number,
      deviceId: device.id,
      customerName: draft.customerName,
      note: draft.note,
      ...estimate,
      ...(Number.isSafeInteger(draft.menuVersion) ? { menuVersion: draft.menuVersion } : {}),
      payments: [],
      paidCents: 0,
      dueCents: estimate.totalCents,
      status: 'pending',
      paid: false,
      createdAt,
      receivedAt: null,
      updatedAt: createdAt,
      seq: 0,
      syncState: 'waiting',
    };
    const entry = newEntry(ctx, optimistic, { kind: 'create', body, optimistic }, createdAt);
    // A new id has no record and no other entries, so its view is the create's alone: written beside the
    // entry instead of read back first (one round trip less on the same-tab path, click → row).
    const view = rebase(null, [entry]) ?? optimistic;
    // Issued together. Each is an async call, so a put that throws (or meets a transaction its failure aborted)
    // rejects here instead of escaping past the others and leaving their rejections unhandled.
    await Promise.all([
      putMeta(tx, 'ticketCounter', counter),
      addOutboxEntry(tx, entry),
      putRecord(tx, toRecord(null, view)),
    ]);
    return { result: view, changes: [describeChange(id, null, view)], sync: STORAGE_OK };
  });
}

/** Queues a status move; a move that is not forward from what the device shows is a no-op (principle 4). */
export async function setStatus(ctx: EngineContext, id: string, status: OrderStatus): Promise<ClientOrder> {
  return ctx.write(async (tx) => {
    const current = await viewOf(tx, id);
    if (!canTransition(current.status, status)) return { result: current };
    const at = new Date(ctx.deps.now()).toISOString();
    // The add is issued first, so the recompute's reads (issued with it, one round trip) see the new entry.
    const [, { view, change }] = await Promise.all([
      addOutboxEntry(tx, newEntry(ctx, current, { kind: 'status', status }, at)),
      recomputeOrder(tx, id),
    ]);
    return { result: view ?? current, changes: [change], sync: STORAGE_OK };
  });
}

export async function markPaid(ctx: EngineContext, id: string): Promise<ClientOrder> {
  return ctx.write(async (tx) => {
    const current = await viewOf(tx, id);
    if (current.paid) return { result: current };
    const at = new Date(ctx.deps.now()).toISOString();
    // The add is issued first, so the recompute's reads (issued with it, one round trip) see the new entry.
    const [, { view, change }] = await Promise.all([
      addOutboxEntry(tx, newEntry(ctx, current, { kind: 'paid' }, at)),
      recomputeOrder(tx, id),
    ]);
    return { result: view ?? current, changes: [change], sync: STORAGE_OK };
  });
}

async function deadLetter(tx: WriteTx, mutationId: string): Promise<OutboxEntry & { seq: number }> {
  const entry = await findByMutation(tx, mutationId);
  if (!entry || entry.seq === undefined) throw new IntentError('not_found', `no queued change ${mutationId}`);
  if (entry.state !== 'dead')
    throw new IntentError('not_dead_letter', 'only a rejected change can be retried or discarded');
  return { ...entry, seq: entry.seq };
}

/** Sends a dead letter again (the user fixed what the server complained about, or wants to try anyway). */
export async function retryDeadLetter(ctx: EngineContext, mutationId: string): Promise<null> {
  return ctx.write(async (tx) => {
    const entry = await deadLetter(tx, mutationId);
    await putOutboxEntry(tx, { ...entry, state: 'waiting', deadLetter: null, attempts: 0, nextAttemptAt: 0 });
    const { change } = await recomputeOrder(tx, entry.orderId);
    return { result: null, changes: [change], drawer: 'changed' };
  });
}

/**
 * Drops a dead letter. A failed create takes the whole order with it (the server never had it, so its later
 * changes can never apply); a failed change just leaves, and the order reverts to the server's state.
 */
export async function discardDeadLetter(ctx: EngineContext, mutationId: string): Promise<null> {
  return ctx.write(async (tx) => {
    const entry = await deadLetter(tx, mutationId);
    const doomed = entry.kind === 'create' ? await outboxForOrder(tx, entry.orderId) : [entry];
    for (const e of doomed) if (e.seq !== undefined) await deleteOutboxEntry(tx, e.seq);
    const { change } = await recomputeOrder(tx, entry.orderId);
    // A discarded drawer intent, or cash payments that went with their order, change the drawer too.
    return { result: null, changes: [change], drawer: 'changed' };
  });
}
