// Drawer intents (principle 22): open with a float, paid in / out with a reason, close with the counted cash.
// Each is ONE IDB transaction that queues the entry in this device's drawer lane and answers the new view; the
// close then waits in the outbox behind every earlier entry (sw/outbox-flush.ts). `refreshDrawer` learns the
// server's drawer (GET /api/drawer) when nothing of the drawer is queued, so nothing is counted twice.

import type { DrawerView } from '../protocol/messages.ts';
import { DRAWER_AMOUNT_MAX, MOVEMENT_REASON_MAX } from '../protocol/drawer-cash.ts';
import type { MovementKind } from '../protocol/drawer.ts';
import { findForbiddenCharacter } from '../protocol/text-hygiene.ts';
import { exchange } from './api-client.ts';
import { readSyncMeta } from './broadcast.ts';
import { classifyResponse } from './classify-response.ts';
import type { OutboxEntry, OutboxPayload, WriteTx } from './db.ts';
import { DRAWER_LABEL, drawerLane } from './drawer-lane.ts';
import { drawerViewFrom, putDrawerRecord, readDrawerRecord, touchesDrawer } from './drawer-view.ts';
import type { EngineContext } from './engine-context.ts';
import { IntentError, invalid } from './intents.ts';
import { addOutboxEntry, listOutbox } from './outbox-store.ts';
import { isDrawerResponse } from './outbox-requests.ts';

function checkCents(value: unknown, min: number, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > DRAWER_AMOUNT_MAX)
    invalid(`${name} must be whole minor units from ${min} to ${DRAWER_AMOUNT_MAX}`);
  return value;
}

type DrawerPayload = Extract<OutboxPayload, { kind: 'drawer-open' | 'drawer-move' | 'drawer-close' }>;

/**
 * Queues one drawer intent after checking it against the view (`allowed` refuses what the server would only
 * answer 409), and answers the view with it applied. The view goes to every tab after the commit.
 */
async function queueDrawerIntent(
  ctx: EngineContext,
  allowed: (view: DrawerView) => void,
  payloadFor: (ids: { id: string; deviceId: string; createdAt: string }) => DrawerPayload,
): Promise<DrawerView> {
  return ctx.write(async (tx: WriteTx) => {
    const [{ device }, record, outbox] = await Promise.all([
      readSyncMeta(tx),
      readDrawerRecord(tx),
      listOutbox(tx),
    ]);
    if (device === null) throw new IntentError('not_paired', 'pair this device before using the drawer');
    allowed(drawerViewFrom(record, outbox));
    const createdAt = new Date(ctx.deps.now()).toISOString();
    const payload = payloadFor({ id: ctx.deps.newId(), deviceId: device.id, createdAt });
    const entry: OutboxEntry = {
      mutationId: payload.body.id,
      orderId: drawerLane(device.id),
      orderNumber: DRAWER_LABEL,
      kind: payload.kind,
      payload,
      createdAt,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      state: 'waiting',
      deadLetter: null,
    };
    await addOutboxEntry(tx, entry);
    const view = drawerViewFrom(record, [...outbox, entry]);
    return { result: view, sync: { storageError: null }, drawer: view };
  });
}

function mustBeOpen(view: DrawerView): void {
  if (view.drawer === null) throw new IntentError('no_open_drawer', 'no drawer is open on this device');
}

export function openDrawer(ctx: EngineContext, floatCents: number): Promise<DrawerView> {
  const float = checkCents(floatCents, 0, 'floatCents');
  return queueDrawerIntent(
    ctx,
    (view) => {
      if (view.drawer !== null)
        throw new IntentError('drawer_already_open', 'the drawer is already open; close it first');
    },
    (ids) => ({ kind: 'drawer-open', body: { ...ids, floatCents: float } }),
  );
}

export function moveDrawer(
  ctx: EngineContext,
  kind: MovementKind,
  amountCents: number,
  reason: string,
): Promise<DrawerView> {
  if (kind !== 'in' && kind !== 'out') invalid('kind must be "in" or "out"');
  const amount = checkCents(amountCents, 1, 'amountCents');
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length === 0 || [...text].length > MOVEMENT_REASON_MAX)
    invalid(`a reason of 1 to ${MOVEMENT_REASON_MAX} characters is needed`);
  const bad = findForbiddenCharacter(text);
  if (bad !== null) invalid(`the reason must not contain ${bad}`);
  return queueDrawerIntent(ctx, mustBeOpen, (ids) => ({
    kind: 'drawer-move',
    body: { ...ids, kind, amountCents: amount, reason: text },
  }));
}

export function closeDrawer(ctx: EngineContext, countedCents: number): Promise<DrawerView> {
  const counted = checkCents(countedCents, 0, 'countedCents');
  return queueDrawerIntent(ctx, mustBeOpen, (ids) => ({
    kind: 'drawer-close',
    body: { ...ids, countedCents: counted },
  }));
}

/** The view as IndexedDB holds it. */
export function readDrawer(ctx: EngineContext): Promise<DrawerView> {
  return ctx.read(async (tx) => {
    const [record, outbox] = await Promise.all([readDrawerRecord(tx), listOutbox(tx)]);
    return drawerViewFrom(record, outbox);
  });
}

/**
 * Asks the server for this device's open drawer and makes it the base. Skipped while anything of the drawer is
 * queued (its answer will bring the drawer; a base fetched meanwhile could count queued cash twice). Returns
 * whether the view changed. Never throws for the network: offline, the device's own view stands.
 */
export async function refreshDrawer(ctx: EngineContext): Promise<boolean> {
  const { device, auth } = await ctx.read(readSyncMeta);
  if (device === null || auth !== 'paired') return false;
  const queued = (await ctx.read(listOutbox)).some((entry) => touchesDrawer(entry.payload));
  if (queued) return false;
  const facts = await exchange(ctx.deps, {
    method: 'GET',
    path: `/api/drawer?deviceId=${encodeURIComponent(device.id)}`,
  });
  const answer = classifyResponse(facts, isDrawerResponse);
  if (answer.outcome !== 'done') return false;
  return ctx.write(async (tx) => {
    const [record, outbox] = await Promise.all([readDrawerRecord(tx), listOutbox(tx)]);
    // An intent queued while the request was out wins: its own answer brings the drawer.
    if (outbox.some((entry) => touchesDrawer(entry.payload))) return { result: false };
    const before = drawerViewFrom(record, outbox);
    const next = { ...record, base: answer.value.drawer };
    const after = drawerViewFrom(next, outbox);
    if (JSON.stringify(before) === JSON.stringify(after)) return { result: false };
    await putDrawerRecord(tx, next);
    return { result: true, drawer: after };
  });
}
