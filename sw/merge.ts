// Rebase (pure): the server base with still-pending local mutations re-applied on top (principle 2), and the
// delta that a change of view means for the tabs. Merging is a max: statuses only move forward; money is a
// ledger (payments and refunds, each once by id) and paid / due are derived from it (principle 21).

import type { RemovalReason } from '../protocol/messages.ts';
import { isActive, type ClientOrder, type Order, type SyncState } from '../protocol/order.ts';
import { paymentFromBody, settle } from '../protocol/settlement.ts';
import { applyTransition } from '../protocol/status-machine.ts';
import { unreachable } from '../protocol/unreachable.ts';
import type { PaymentInput, RefundInput } from '../protocol/payments.ts';
import type { OutboxEntry } from './db.ts';
import { applyDiscountChange } from './discount-intent.ts';

/** True when `incoming` is newer server state than `current`: never go back to an older seq. */
export function isNewerServerState(current: Order | null, incoming: Order): boolean {
  return current === null || incoming.seq > current.seq;
}

function syncStateOf(pending: readonly OutboxEntry[]): SyncState {
  if (pending.some((entry) => entry.state === 'dead')) return 'attention';
  return pending.length > 0 ? 'waiting' : 'saved';
}

/**
 * The order as this device shows it: `base` (or, before the server confirmed it, the create's optimistic
 * order) with every pending mutation applied in send order. Null when neither exists (a discarded create).
 * Dead letters still apply: the user has not given up on them until they press Discard.
 */
export function rebase(base: Order | null, pending: readonly OutboxEntry[]): ClientOrder | null {
  let view: ClientOrder | null = base ? { ...base, syncState: 'saved' } : null;
  for (const entry of pending) {
    const payload = entry.payload;
    switch (payload.kind) {
      case 'create':
        // Once the server has the order its state wins; the optimistic copy only stands in until then.
        if (view === null) view = { ...payload.optimistic };
        break;
      case 'status':
        // A cancel changes what is owed (0), so a paid order shows its refund due at once.
        if (view) view = settled({ ...view, status: applyTransition(view.status, payload.status) });
        break;
      case 'paid':
        if (view) view = markedPaid(view, entry);
        break;
      case 'payment':
        if (view) view = withPayment(view, payload.body);
        break;
      case 'refund':
        if (view) view = withRefund(view, payload.body);
        break;
      case 'drawer-open':
      case 'drawer-move':
      case 'drawer-close':
        // Drawer intents belong to no order (sw/drawer-lane.ts); they never reach an order's pending list.
        break;
      case 'discount':
        if (view) view = applyDiscountChange(view, payload);
        break;
      default:
        unreachable(payload);
    }
  }
  return view ? { ...view, syncState: syncStateOf(pending) } : null;
}

/** paid / paidCents / dueCents from the ledger; an order from before Part 3 (no ledger) keeps its own. */
function settled(view: ClientOrder): ClientOrder {
  return view.payments ? { ...view, ...settle(view, view.payments) } : view;
}

/** A queued payment (principle 21): appended once (a lost answer's replay may already be in the base). */
function withPayment(view: ClientOrder, body: PaymentInput): ClientOrder {
  const payments = view.payments ?? [];
  if (payments.some((p) => p.id === body.id)) return view;
  // As the server records it (the same function).
  const payment = paymentFromBody(body);
  return { ...view, ...settle(view, [...payments, payment]), payments: [...payments, payment] };
}

function withRefund(view: ClientOrder, body: RefundInput): ClientOrder {
  const payments = view.payments ?? [];
  const target = payments.find((p) => p.id === body.paymentId);
  if (!target || target.refunds.some((r) => r.id === body.id)) return view;
  const { id, amountCents, reason, deviceId, createdAt } = body;
  const next = payments.map((p) =>
    p === target ? { ...p, refunds: [...p.refunds, { id, amountCents, reason, deviceId, createdAt }] } : p,
  );
  return { ...view, ...settle(view, next), payments: next };
}

/**
 * `mark-paid` (Parts 1-2): the server records a payment of the balance with method `other`. Shown the same way
 * until it answers, under the entry's id; nothing when nothing is due (a replay already in the base).
 */
function markedPaid(view: ClientOrder, entry: OutboxEntry): ClientOrder {
  if (!view.payments) return { ...view, paid: true };
  const due = settle(view, view.payments).dueCents;
  if (due <= 0) return settled(view);
  return withPayment(view, {
    id: entry.mutationId,
    method: 'other',
    amountCents: due,
    deviceId: view.deviceId,
    createdAt: entry.createdAt,
  });
}

const ORDER_FIELDS: readonly (keyof ClientOrder)[] = [
  'id',
  'number',
  'deviceId',
  'customerName',
  'note',
  'items',
  'totalCents',
  'subtotalCents',
  'discount',
  'taxes',
  'dueCents',
  'status',
  'paid',
  'payments',
  'paidCents',
  'dueCents',
  'createdAt',
  'receivedAt',
  'updatedAt',
  'seq',
  'syncState',
];

/** The new values of the fields that differ (items compared by content). */
export function diffOrders(before: ClientOrder, after: ClientOrder): Partial<ClientOrder> {
  const changes: Record<string, unknown> = {};
  for (const field of ORDER_FIELDS) {
    const a = before[field];
    const b = after[field];
    const same =
      field === 'items' || field === 'payments' || field === 'discount' || field === 'taxes'
        ? JSON.stringify(a) === JSON.stringify(b)
        : a === b;
    if (!same) changes[field] = b;
  }
  return changes as Partial<ClientOrder>;
}

export type OrderChange =
  | { type: 'added'; order: ClientOrder }
  | { type: 'updated'; order: ClientOrder; changes: Partial<ClientOrder> }
  | { type: 'removed'; orderId: string; reason: RemovalReason };

/**
 * What the tabs must be told when an order's view goes from `before` to `after` (null = not on this device).
 * Only the active set is on screen: leaving it is a removal named for the final status.
 * `goneReason` names why an order vanished from the device (a discarded create, a reset).
 */
export function describeChange(
  orderId: string,
  before: ClientOrder | null,
  after: ClientOrder | null,
  goneReason: RemovalReason = 'discarded',
): OrderChange | null {
  const wasShown = before !== null && isActive(before);
  const isShown = after !== null && isActive(after);
  if (!wasShown && isShown) return { type: 'added', order: after };
  if (wasShown && isShown) {
    const changes = diffOrders(before, after);
    return Object.keys(changes).length > 0 ? { type: 'updated', order: after, changes } : null;
  }
  if (wasShown && !isShown) {
    if (after === null) return { type: 'removed', orderId, reason: goneReason };
    const reason: RemovalReason = after.status === 'cancelled' ? 'cancelled' : 'completed';
    return { type: 'removed', orderId, reason };
  }
  return null;
}
