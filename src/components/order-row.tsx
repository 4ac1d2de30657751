// One active order in the list, compact (two lines on a till or a portrait tablet, so 8+ and 6+ orders fit):
// number, status, customer, sync state, paid mark, total, age; then the items with their notes (up to two
// lines) beside only the buttons valid now. `Details` opens every item and note in full. The layout is CSS
// only (styles.css, a container query on the list's width): nothing is measured per row. Re-renders only when
// its order, the minute or its disclosure changes.
import { Component } from 'preact';
import { afterPaint } from './after-paint.tsx';
import type { Discount } from '../../protocol/menu.ts';
import type { ClientOrder, OrderStatus } from '../../protocol/order.ts';
import { unreachable } from '../../protocol/unreachable.ts';
import { paymentState, type PaymentState } from '../../protocol/payment-state.ts';
import { formatAge, formatMoney } from '../display-format.ts';
import { lineLabel } from '../line-label.ts';
import { t } from '../i18n.ts';

/** Shown only on an expanded row (`Receipt`, `Refunds`, the discount): its own chunk, after the first paint. */
export const RowDetails = afterPaint(() => import('./row-details.tsx').then((m) => m.RowDetails));

/** `pay` opens the Pay dialog (Part 3, replacing `Mark paid`); `refund` the owner's Refunds dialog. */
export type OrderAction =
  | { kind: 'status'; status: OrderStatus }
  | { kind: 'pay' }
  | { kind: 'refund' }
  | { kind: 'discount'; discount: string | null };

export interface OrderRowProps {
  order: ClientOrder;
  currency: string | null;
  now: number;
  /** The menu's discount presets, offered in Details while the order is active (#21). */
  discounts?: readonly Discount[];
  onAction: (order: ClientOrder, action: OrderAction) => void;
  /** The owner may refund (principle 21): the expanded row then offers `Refunds`. */
  canRefund?: boolean;
}

/** `label` is a message id. */
type NextStep = { label: string; status: OrderStatus };

function nextStep(order: ClientOrder): NextStep | null {
  switch (order.status) {
    case 'pending':
      return { label: 'order.startPreparing', status: 'preparing' };
    case 'preparing':
      return { label: 'order.markReady', status: 'ready' };
    case 'ready':
      return { label: 'order.complete', status: 'completed' };
    case 'completed':
    case 'cancelled':
      return null;
    default:
      return unreachable(order.status);
  }
}

/** Message ids of the status words. */
export const STATUS_WORD: Record<OrderStatus, string> = {
  pending: 'status.pending',
  preparing: 'status.preparing',
  ready: 'status.ready',
  completed: 'status.completed',
  cancelled: 'status.cancelled',
};

/** The row's money mark (DESIGN "Screens, part 3"): `Paid`, `Part paid`, `Refund due` or `Unpaid`. */
const PAYMENT_MARK: Record<PaymentState, { text: string; cls: string }> = {
  paid: { text: 'order.paid', cls: 'paid-mark' },
  'part-paid': { text: 'order.partPaid', cls: 'unpaid-mark part-paid' },
  'refund-due': { text: 'order.refundDue', cls: 'unpaid-mark refund-due' },
  unpaid: { text: 'order.unpaid', cls: 'unpaid-mark' },
};

function minuteOf(ms: number): number {
  return Math.floor(ms / 60_000);
}

interface OrderRowState {
  expanded: boolean;
}

export class OrderRow extends Component<OrderRowProps, OrderRowState> {
  override state: OrderRowState = { expanded: false };

  override shouldComponentUpdate(next: OrderRowProps, nextState: OrderRowState): boolean {
    const prev = this.props;
    return (
      nextState.expanded !== this.state.expanded ||
      next.order !== prev.order ||
      next.currency !== prev.currency ||
      next.canRefund !== prev.canRefund ||
      next.discounts !== prev.discounts ||
      minuteOf(next.now) !== minuteOf(prev.now)
    );
  }

  override render() {
    const { order, currency, now, discounts, onAction, canRefund } = this.props;
    const step = nextStep(order);
    const money = paymentState(order);
    const mark = PAYMENT_MARK[money];
    const numberId = `order-number-${order.id}`;
    const itemsId = `order-items-${order.id}`;
    const { expanded } = this.state;
    return (
      <li data-order-id={order.id} class={`order order-${order.status}${expanded ? ' expanded' : ''}`}>
        <div class="order-head">
          <span class="order-number" id={numberId}>
            {order.number}
          </span>
          <span class={`status-word status-${order.status}`}>{t(STATUS_WORD[order.status])}</span>
          {order.customerName ? <span class="order-customer">{order.customerName}</span> : null}
          {/* In the head, not beside the buttons: a row going offline must not push them onto another line. */}
          {order.syncState === 'waiting' ? (
            <span class="sync-flag waiting">{t('order.waitingSync')}</span>
          ) : null}
          {order.syncState === 'attention' ? (
            <span class="sync-flag attention">{t('order.needsAttention')}</span>
          ) : null}
          <span class={mark.cls}>{t(mark.text)}</span>
          <span class="order-total">{formatMoney(order.totalCents, currency)}</span>
          <span class="order-age">{formatAge(order.createdAt, now)}</span>
        </div>
        <div class="order-body">
          {/* Not a nested list: tests count the Active orders list's listitems, one per order. Up to two lines
              with the notes; `Details` shows every item and note. */}
          {/* dir="auto": item names read in their own direction inside a right-to-left page. */}
          <span class="order-items" id={itemsId} dir="auto">
            {/* One text node per line (not one per value): 1,000 rows at a cold start is a lot of nodes. */}
            {order.items.map((item, i) => (
              <span key={i}>
                {`${i > 0 ? ', ' : ''}${item.qty} × ${lineLabel(item.name, item.options)}`}
                {item.note ? <span class="item-note"> ({item.note})</span> : null}
              </span>
            ))}
          </span>
          <div class="order-actions">
            <button
              type="button"
              class="order-details"
              aria-expanded={expanded}
              aria-controls={itemsId}
              aria-describedby={numberId}
              aria-label={t('order.details')}
              onClick={() => this.setState({ expanded: !expanded })}
            >
              <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
            </button>
            {step ? (
              <button
                type="button"
                class="primary step"
                aria-describedby={numberId}
                onClick={() => onAction(order, { kind: 'status', status: step.status })}
              >
                {t(step.label)}
              </button>
            ) : null}
            {money === 'unpaid' || money === 'part-paid' ? (
              <button
                type="button"
                aria-describedby={numberId}
                onClick={() => onAction(order, { kind: 'pay' })}
              >
                {t('order.pay')}
              </button>
            ) : null}
            <button
              type="button"
              class="danger"
              aria-describedby={numberId}
              onClick={() => onAction(order, { kind: 'status', status: 'cancelled' })}
            >
              {t('order.cancel')}
            </button>
            {expanded ? (
              <RowDetails
                order={order}
                discounts={discounts}
                canRefund={canRefund === true}
                numberId={numberId}
                onAction={onAction}
              />
            ) : null}
          </div>
        </div>
      </li>
    );
  }
}
