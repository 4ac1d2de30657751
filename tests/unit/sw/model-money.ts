// The model test's money (principles 21-22): payments, refunds, drawer opens and closes as commands, and the
// checks that the server holds exactly the money the device took (Σ per method, each payment once) and that
// every Z report counts exactly the cash taken between its close and the one before (the close barrier).

import { expect } from 'vitest';
import type { ZReport } from '../../../protocol/drawer.ts';
import type { Order, PaymentMethod } from '../../../protocol/order.ts';
import type { Harness } from './engine-harness.ts';

export interface ModelPayment {
  id: string;
  orderId: string;
  method: PaymentMethod;
  amountCents: number;
  tipCents: number;
  refundedCents: number;
  poisoned: boolean;
  /** How many closes were queued before it: the Z report it belongs to (cash only). */
  closeIndex: number;
}

export interface ModelRefund {
  paymentId: string;
  amountCents: number;
  method: PaymentMethod;
  closeIndex: number;
}

/**
 * What the device's drawer stands on: nothing, or real money, or only the cash of orders the server will refuse
 * (poisoned creates): their payments are discarded with the create, so the server never opens that drawer and
 * answers its close `no_open_drawer` (a dead letter the user discards).
 */
type DrawerBasis = 'none' | 'real' | 'poison-only';

export interface MoneyModel {
  payments: ModelPayment[];
  refunds: ModelRefund[];
  /** Every close the device queued: `void` when its drawer stood only on poisoned orders' cash. */
  closes: ('real' | 'void')[];
  markPaids: number;
  drawer: DrawerBasis;
}

export function emptyMoney(): MoneyModel {
  return { payments: [], refunds: [], closes: [], markPaids: 0, drawer: 'none' };
}

/** Cash moved on the device: with no drawer open it opened one (principle 22). */
function cashMoved(money: MoneyModel, poisoned: boolean): void {
  if (money.drawer === 'none') money.drawer = poisoned ? 'poison-only' : 'real';
  else if (!poisoned) money.drawer = 'real';
}

/** A dead letter the model expects: a close of a drawer that stood only on poisoned orders' cash. */
export function isVoidClose(money: MoneyModel, letter: { kind: string; code: string }): boolean {
  return letter.kind === 'drawer-close' && letter.code === 'no_open_drawer' && money.closes.includes('void');
}

/** Codes a money intent may be refused with on the device, leaving the model as it was. */
const REFUSALS = new Set(['not_found', 'drawer_already_open', 'no_open_drawer']);

export async function pay(
  h: Harness,
  money: MoneyModel,
  orderId: string,
  poisoned: boolean,
  method: PaymentMethod,
  amountCents: number,
  extraCents: number,
): Promise<void> {
  const payment =
    method === 'cash'
      ? { method, amountCents, tenderedCents: amountCents + extraCents }
      : { method, amountCents, tipCents: extraCents };
  const reply = await h.engine.handle({ v: 1, type: 'pay', orderId, payment });
  if (!reply.ok) {
    // The order left this device (a reset drops finished orders with nothing queued): nothing was recorded.
    expect(REFUSALS.has(reply.error.code), reply.error.message).toBe(true);
    return;
  }
  const recorded = reply.value.payments?.at(-1);
  expect(recorded).toMatchObject({ method, amountCents });
  money.payments.push({
    id: recorded!.id,
    orderId,
    method,
    amountCents,
    tipCents: method === 'cash' ? 0 : extraCents,
    refundedCents: 0,
    closeIndex: money.closes.length,
    poisoned,
  });
  if (method === 'cash') cashMoved(money, poisoned);
}

export async function refund(h: Harness, money: MoneyModel, pick: number, fraction: number): Promise<void> {
  const open = money.payments.filter((p) => p.refundedCents < p.amountCents);
  const target = open[pick % open.length];
  if (!target) return;
  const amountCents = 1 + (fraction % (target.amountCents - target.refundedCents));
  const reply = await h.engine.handle({
    v: 1,
    type: 'refund',
    orderId: target.orderId,
    paymentId: target.id,
    amountCents,
    reason: 'model',
  });
  if (!reply.ok) {
    expect(REFUSALS.has(reply.error.code), reply.error.message).toBe(true);
    return;
  }
  target.refundedCents += amountCents;
  money.refunds.push({
    paymentId: target.id,
    amountCents,
    method: target.method,
    closeIndex: money.closes.length,
  });
  if (target.method === 'cash') cashMoved(money, target.poisoned);
}

export async function drawerOpen(h: Harness, money: MoneyModel, floatCents: number): Promise<void> {
  const reply = await h.engine.handle({ v: 1, type: 'drawer-open', floatCents });
  if (reply.ok) money.drawer = 'real';
  else expect(reply.error.code).toBe('drawer_already_open');
}

export async function drawerClose(h: Harness, money: MoneyModel, countedCents: number): Promise<void> {
  const reply = await h.engine.handle({ v: 1, type: 'drawer-close', countedCents });
  if (!reply.ok) {
    expect(reply.error.code).toBe('no_open_drawer');
    return;
  }
  expect(reply.value).toMatchObject({ drawer: null, closing: true });
  money.closes.push(money.drawer === 'poison-only' ? 'void' : 'real');
  money.drawer = 'none';
}

type Sums = Record<string, { count: number; amountCents: number; tipsCents: number; refundsCents: number }>;

function sumsOf(
  payments: { method: string; amountCents: number; tipCents: number; refunded: number }[],
): Sums {
  const sums: Sums = {};
  for (const p of payments) {
    const s = (sums[p.method] ??= { count: 0, amountCents: 0, tipsCents: 0, refundsCents: 0 });
    s.count += 1;
    s.amountCents += p.amountCents;
    s.tipsCents += p.tipCents;
    s.refundsCents += p.refunded;
  }
  return sums;
}

/**
 * After the drain: the server holds every payment and refund the device took (poisoned orders' went with their
 * discarded create), each once, Σ per method equal; and the device's Z reports count the cash of exactly the
 * payments and refunds queued between their close and the one before.
 */
export function checkMoney(
  money: MoneyModel,
  poisoned: ReadonlySet<string>,
  serverOrders: readonly Order[],
  reports: readonly ZReport[],
  deviceId: string,
  lastReport: ZReport | null,
): void {
  const taken = money.payments.filter((p) => !poisoned.has(p.orderId));
  const onServer = serverOrders.flatMap((o) => o.payments ?? []).filter((p) => p.deviceId === deviceId);
  const known = new Set(taken.map((p) => p.id));
  const ids = onServer.map((p) => p.id);
  expect(new Set(ids).size, 'no payment counted twice').toBe(ids.length);
  expect(ids.filter((id) => known.has(id)).sort(), 'no payment lost').toEqual([...known].sort());
  // The rest are `mark-paid`s: a payment of the balance, method other, at most one per mark.
  const marks = onServer.filter((p) => !known.has(p.id));
  expect(marks.every((p) => p.method === 'other')).toBe(true);
  expect(marks.length).toBeLessThanOrEqual(money.markPaids);
  const server = sumsOf(
    onServer
      .filter((p) => known.has(p.id))
      .map((p) => ({ ...p, refunded: p.refunds.reduce((s, r) => s + r.amountCents, 0) })),
  );
  const device = sumsOf(taken.map((p) => ({ ...p, refunded: p.refundedCents })));
  expect(server, 'Σ per method').toEqual(device);

  const mine = reports.filter((r) => r.deviceId === deviceId).sort((a, b) => a.number - b.number);
  const real = money.closes.flatMap((kind, k) => (kind === 'real' ? [k] : []));
  expect(mine, 'one Z report per close of a real drawer').toHaveLength(real.length);
  const refunds = money.refunds.filter((r) => known.has(r.paymentId) && r.method === 'cash');
  mine.forEach((report, i) => {
    const k = real[i];
    const sales = taken.filter((p) => p.method === 'cash' && p.closeIndex === k);
    const back = refunds.filter((r) => r.closeIndex === k);
    expect(report.cash, `Z report of close ${k! + 1} of this device`).toMatchObject({
      salesCents: sales.reduce((s, p) => s + p.amountCents, 0),
      refundsCents: back.reduce((s, r) => s + r.amountCents, 0),
      differenceCents: report.cash.countedCents - report.cash.expectedCents,
    });
  });
  if (real.length > 0) expect(lastReport).toEqual(mine.at(-1));
}
