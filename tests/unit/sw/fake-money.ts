// The fake API's payments, refunds and drawers (principles 21-22), as the real server answers them alone:
// idempotent by key, money recorded whatever the order's state, one drawer per device, numbered Z reports.

import type { Drawer, ZReport } from '../../../protocol/drawer.ts';
import { expectedCashCents } from '../../../protocol/drawer-cash.ts';
import type { Order, Payment } from '../../../protocol/order.ts';
import type { PaymentInput, RefundInput } from '../../../protocol/payments.ts';
import { changeCents, refundableCents, settle } from '../../../protocol/settlement.ts';

export type Answer = { status: number; body: unknown };

interface DrawerState {
  drawer: Drawer;
  cashSalesCents: number;
  cashRefundsCents: number;
  byMethod: Map<string, { count: number; amountCents: number; tipsCents: number; refundsCents: number }>;
}

const error = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});

export interface FakeMoney {
  /** Open drawers by device id. */
  drawers: Map<string, DrawerState>;
  reports: ZReport[];
  payment(
    order: Order | undefined,
    key: string | null,
    body: PaymentInput,
    touch: (o: Order) => Order,
  ): Answer;
  refund(order: Order | undefined, key: string | null, body: RefundInput, touch: (o: Order) => Order): Answer;
  drawerOp(op: 'drawer-open' | 'drawer-move' | 'drawer-close', body: Record<string, unknown>): Answer;
  getDrawer(deviceId: string): Answer;
}

export function createFakeMoney(): FakeMoney {
  const done = new Map<string, Answer>();
  let zNumber = 0;
  const money: FakeMoney = {
    drawers: new Map(),
    reports: [],
    payment(order, key, body, touch) {
      if (!order) return error(404, 'not_found', 'no such order');
      const seen = order.payments?.some((p) => p.id === body.id);
      if (seen) return { status: 200, body: order };
      const payment: Payment = {
        id: body.id,
        method: body.method,
        amountCents: body.amountCents,
        tenderedCents: body.tenderedCents ?? null,
        changeCents: changeCents(body.method, body.amountCents, body.tenderedCents ?? null),
        tipCents: body.tipCents ?? 0,
        deviceId: body.deviceId,
        createdAt: body.createdAt,
        refunds: [],
      };
      const payments = [...(order.payments ?? []), payment];
      const state = drawerFor(body.deviceId, body.createdAt, body.method === 'cash');
      if (state) {
        if (body.method === 'cash') state.cashSalesCents += body.amountCents;
        const m = methodOf(state, body.method);
        m.count += 1;
        m.amountCents += body.amountCents;
        m.tipsCents += body.tipCents ?? 0;
        refresh(state);
      }
      void key;
      return { status: 201, body: touch({ ...order, payments, ...settle(order, payments) }) };
    },
    refund(order, _key, body, touch) {
      if (!order) return error(404, 'not_found', 'no such order');
      const payments = order.payments ?? [];
      const target = payments.find((p) => p.id === body.paymentId);
      if (!target) return error(422, 'unknown_payment', 'no such payment');
      if (target.refunds.some((r) => r.id === body.id)) return { status: 200, body: order };
      if (body.amountCents > refundableCents(target)) return error(422, 'refund_exceeds_payment', 'too much');
      const { id, amountCents, reason, deviceId, createdAt } = body;
      const next = payments.map((p) =>
        p === target
          ? { ...p, refunds: [...p.refunds, { id, amountCents, reason, deviceId, createdAt }] }
          : p,
      );
      const state = money.drawers.get(deviceId);
      if (state) {
        if (target.method === 'cash') state.cashRefundsCents += amountCents;
        methodOf(state, target.method).refundsCents += amountCents;
        refresh(state);
      }
      return { status: 201, body: touch({ ...order, payments: next, ...settle(order, next) }) };
    },
    drawerOp(op, body) {
      const id = String(body.id);
      const replay = done.get(id);
      if (replay) return { ...replay, status: 200 };
      const deviceId = String(body.deviceId);
      const state = money.drawers.get(deviceId);
      let answer: Answer;
      if (op === 'drawer-open') {
        if (state) return error(409, 'drawer_already_open', 'a drawer is open');
        const opened = newDrawer(id, deviceId, String(body.createdAt), Number(body.floatCents), false);
        money.drawers.set(deviceId, opened);
        answer = { status: 201, body: { drawer: opened.drawer } };
      } else if (op === 'drawer-move') {
        if (!state) return error(409, 'no_open_drawer', 'no drawer is open');
        const kind = body.kind === 'out' ? 'out' : 'in';
        state.drawer.movements.push({
          id,
          kind,
          amountCents: Number(body.amountCents),
          reason: String(body.reason),
          createdAt: String(body.createdAt),
        });
        refresh(state);
        answer = { status: 201, body: { drawer: structuredClone(state.drawer) } };
      } else {
        if (!state) return error(409, 'no_open_drawer', 'no drawer is open');
        money.drawers.delete(deviceId);
        const report = reportOf(state, (zNumber += 1), Number(body.countedCents), String(body.createdAt));
        money.reports.push(report);
        answer = { status: 201, body: { report } };
      }
      done.set(id, answer);
      return answer;
    },
    getDrawer(deviceId) {
      const state = money.drawers.get(deviceId);
      return { status: 200, body: { drawer: state ? structuredClone(state.drawer) : null } };
    },
  };

  function drawerFor(deviceId: string, at: string, cash: boolean): DrawerState | undefined {
    const open = money.drawers.get(deviceId);
    if (open || !cash) return open;
    const opened = newDrawer(`implicit-${deviceId}-${at}`, deviceId, at, 0, true);
    money.drawers.set(deviceId, opened);
    return opened;
  }
  return money;
}

function newDrawer(id: string, deviceId: string, openedAt: string, floatCents: number, implicit: boolean) {
  const state: DrawerState = {
    drawer: {
      id,
      deviceId,
      openedAt,
      floatCents,
      openedImplicitly: implicit,
      movements: [],
      expectedCents: 0,
    },
    cashSalesCents: 0,
    cashRefundsCents: 0,
    byMethod: new Map(),
  };
  refresh(state);
  return state;
}

function methodOf(state: DrawerState, method: string) {
  let m = state.byMethod.get(method);
  if (!m) state.byMethod.set(method, (m = { count: 0, amountCents: 0, tipsCents: 0, refundsCents: 0 }));
  return m;
}

function moves(state: DrawerState, kind: 'in' | 'out'): number {
  return state.drawer.movements.filter((m) => m.kind === kind).reduce((s, m) => s + m.amountCents, 0);
}

function refresh(state: DrawerState): void {
  state.drawer.expectedCents = expectedCashCents({
    floatCents: state.drawer.floatCents,
    cashSalesCents: state.cashSalesCents,
    cashRefundsCents: state.cashRefundsCents,
    paidInCents: moves(state, 'in'),
    paidOutCents: moves(state, 'out'),
  });
}

function reportOf(state: DrawerState, number: number, countedCents: number, closedAt: string): ZReport {
  const d = state.drawer;
  return {
    number,
    deviceId: d.deviceId,
    deviceName: 'Counter 1',
    openedAt: d.openedAt,
    closedAt,
    floatCents: d.floatCents,
    cash: {
      salesCents: state.cashSalesCents,
      refundsCents: state.cashRefundsCents,
      paidInCents: moves(state, 'in'),
      paidOutCents: moves(state, 'out'),
      expectedCents: d.expectedCents,
      countedCents,
      differenceCents: countedCents - d.expectedCents,
    },
    byMethod: [...state.byMethod.entries()].map(([method, m]) => ({
      method: method as 'cash' | 'card' | 'other',
      ...m,
    })),
    movements: d.movements,
    openedImplicitly: d.openedImplicitly,
  };
}
