// Payments and refunds as intents (principle 21): ONE IDB transaction appends the payment to the order's view
// (paid / due via protocol `settle`, in sw/merge.ts) and queues it behind the order's earlier entries (its
// create first: per-order FIFO). The worker fills id (= Idempotency-Key), deviceId and createdAt.

import type { PaymentDraft } from '../protocol/messages.ts';
import { PAYMENT_METHODS, type ClientOrder, type PaymentMethod } from '../protocol/order.ts';
import {
  PAYMENT_AMOUNT_MAX,
  REFUND_REASON_MAX,
  refundableCents,
  TENDERED_MAX,
} from '../protocol/settlement.ts';
import { findForbiddenCharacter } from '../protocol/text-hygiene.ts';
import type { OutboxEntry, OutboxPayload } from './db.ts';
import { readSyncMeta } from './broadcast.ts';
import type { EngineContext } from './engine-context.ts';
import { recomputeOrder } from './apply-orders.ts';
import { IntentError, invalid, viewOf } from './intents.ts';
import { addOutboxEntry } from './outbox-store.ts';

const METHODS: ReadonlySet<string> = new Set<PaymentMethod>(PAYMENT_METHODS);

function isCents(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** The draft as the server's schema will judge it (protocol/payments.ts): refused here, never dead-lettered. */
export function checkPaymentDraft(draft: PaymentDraft): PaymentDraft {
  if (typeof draft !== 'object' || draft === null) invalid('payment is missing');
  const { method, amountCents, tenderedCents, tipCents } = draft;
  if (!METHODS.has(method)) invalid(`method must be one of ${PAYMENT_METHODS.join(', ')}`);
  if (!isCents(amountCents, 1, PAYMENT_AMOUNT_MAX)) invalid('amountCents must be whole minor units ≥ 1');
  if (tenderedCents !== undefined) {
    if (method !== 'cash') invalid('only cash is tendered');
    if (!isCents(tenderedCents, amountCents, TENDERED_MAX))
      invalid('tenderedCents must be at least the amount');
  }
  if (tipCents !== undefined) {
    if (method === 'cash') invalid('cash takes no tip');
    if (!isCents(tipCents, 0, PAYMENT_AMOUNT_MAX)) invalid('tipCents must be whole minor units ≥ 0');
  }
  return {
    method,
    amountCents,
    ...(tenderedCents !== undefined ? { tenderedCents } : {}),
    ...(tipCents !== undefined && tipCents > 0 ? { tipCents } : {}),
  };
}

function entryFor(order: ClientOrder, payload: OutboxPayload & { body: { id: string; createdAt: string } }) {
  const entry: OutboxEntry = {
    // The payment's id is its mutation id and its Idempotency-Key: a resend after a lost answer is the same.
    mutationId: payload.body.id,
    orderId: order.id,
    orderNumber: order.number,
    kind: payload.kind,
    payload,
    createdAt: payload.body.createdAt,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    state: 'waiting',
    deadLetter: null,
  };
  return entry;
}

/** Queues one payment; the reply (and the `orders` delta) already shows it. Cash also moves the drawer. */
export async function pay(ctx: EngineContext, orderId: string, draft: PaymentDraft): Promise<ClientOrder> {
  const checked = checkPaymentDraft(draft);
  return ctx.write(async (tx) => {
    const [current, { device }] = await Promise.all([viewOf(tx, orderId), readSyncMeta(tx)]);
    if (device === null) throw new IntentError('not_paired', 'pair this device before taking payments');
    const body = {
      id: ctx.deps.newId(),
      deviceId: device.id,
      createdAt: new Date(ctx.deps.now()).toISOString(),
      ...checked,
    };
    // The add is issued first, so the recompute's reads (issued with it, one round trip) see the new entry.
    const [, { view, change }] = await Promise.all([
      addOutboxEntry(tx, entryFor(current, { kind: 'payment', body })),
      recomputeOrder(tx, orderId),
    ]);
    return {
      result: view ?? current,
      changes: [change],
      sync: { storageError: null },
      // Read and posted after the reply's commit: the drawer must not slow the same-tab path.
      ...(checked.method === 'cash' ? { drawer: 'changed' as const } : {}),
    };
  });
}

export interface RefundDraft {
  paymentId: string;
  amountCents: number;
  reason: string;
}

/** Owner only: refunds part or all of one payment the order shows (never more than is left of it). */
export async function refund(ctx: EngineContext, orderId: string, draft: RefundDraft): Promise<ClientOrder> {
  const { paymentId, amountCents } = draft;
  const reason = typeof draft.reason === 'string' ? draft.reason.trim() : '';
  if (typeof paymentId !== 'string') invalid('paymentId is missing');
  if (!isCents(amountCents, 1, PAYMENT_AMOUNT_MAX)) invalid('amountCents must be whole minor units ≥ 1');
  if (reason.length === 0 || [...reason].length > REFUND_REASON_MAX)
    invalid(`a reason of 1 to ${REFUND_REASON_MAX} characters is needed`);
  const bad = findForbiddenCharacter(reason);
  if (bad !== null) invalid(`the reason must not contain ${bad}`);
  return ctx.write(async (tx) => {
    const [current, { device }] = await Promise.all([viewOf(tx, orderId), readSyncMeta(tx)]);
    if (device === null) throw new IntentError('not_paired', 'pair this device before refunding');
    // The server would answer 403; refused here, so it never becomes a dead letter.
    if (device.role !== 'owner') throw new IntentError('forbidden', 'only the owner refunds');
    const payment = current.payments?.find((p) => p.id === paymentId);
    if (!payment)
      throw new IntentError('unknown_payment', `order ${current.number} has no payment ${paymentId}`);
    if (amountCents > refundableCents(payment))
      throw new IntentError('refund_exceeds_payment', 'the refund is more than is left of the payment');
    const body = {
      id: ctx.deps.newId(),
      paymentId,
      amountCents,
      reason,
      deviceId: device.id,
      createdAt: new Date(ctx.deps.now()).toISOString(),
    };
    const payload = { kind: 'refund' as const, body, method: payment.method };
    const [, { view, change }] = await Promise.all([
      addOutboxEntry(tx, entryFor(current, payload)),
      recomputeOrder(tx, orderId),
    ]);
    return {
      result: view ?? current,
      changes: [change],
      sync: { storageError: null },
      ...(payment.method === 'cash' ? { drawer: 'changed' as const } : {}),
    };
  });
}
