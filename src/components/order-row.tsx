// One active order in the list: number, customer, items, total, status, paid mark, age, sync state,
// and only the buttons valid for its status now. Re-renders only when its order or the minute changes.
import { Component } from 'preact';
import type { ClientOrder, OrderStatus } from '../../protocol/order.ts';
import { unreachable } from '../../protocol/unreachable.ts';
import { formatAge, formatMoney } from '../display-format.ts';

export type OrderAction = { kind: 'status'; status: OrderStatus } | { kind: 'paid' };

export interface OrderRowProps {
  order: ClientOrder;
  currency: string | null;
  now: number;
  onAction: (order: ClientOrder, action: OrderAction) => void;
}

type NextStep = { label: string; status: OrderStatus };

function nextStep(order: ClientOrder): NextStep | null {
  switch (order.status) {
    case 'pending':
      return { label: 'Start preparing', status: 'preparing' };
    case 'preparing':
      return { label: 'Mark ready', status: 'ready' };
    case 'ready':
      return { label: 'Complete', status: 'completed' };
    case 'completed':
    case 'cancelled':
      return null;
    default:
      return unreachable(order.status);
  }
}

const STATUS_WORD: Record<OrderStatus, string> = {
  pending: 'Pending',
  preparing: 'Preparing',
  ready: 'Ready',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

function minuteOf(ms: number): number {
  return Math.floor(ms / 60_000);
}

export class OrderRow extends Component<OrderRowProps> {
  override shouldComponentUpdate(next: OrderRowProps): boolean {
    const prev = this.props;
    return (
      next.order !== prev.order ||
      next.currency !== prev.currency ||
      minuteOf(next.now) !== minuteOf(prev.now)
    );
  }

  override render() {
    const { order, currency, now, onAction } = this.props;
    const step = nextStep(order);
    const numberId = `order-number-${order.id}`;
    return (
      <li data-order-id={order.id} class={`order order-${order.status}`}>
        <div class="order-head">
          <span class="order-number" id={numberId}>
            {order.number}
          </span>
          <span class={`status-word status-${order.status}`}>{STATUS_WORD[order.status]}</span>
          {order.paid ? <span class="paid-mark">✓ Paid</span> : <span class="unpaid-mark">Unpaid</span>}
          <span class="order-age">{formatAge(order.createdAt, now)}</span>
        </div>
        {order.customerName ? <div class="order-customer">{order.customerName}</div> : null}
        {/* Not a nested list: tests count the Active orders list's listitems, one per order. */}
        <div class="order-items">
          {/* One text node per line (not one per value): 1,000 rows at a cold start is a lot of nodes. */}
          {order.items.map((item, i) => (
            <span key={i}>
              {`${i > 0 ? ', ' : ''}${item.qty} × ${item.name}`}
              {item.note ? <span class="item-note"> ({item.note})</span> : null}
            </span>
          ))}
        </div>
        <div class="order-foot">
          <span class="order-total">{formatMoney(order.totalCents, currency)}</span>
          {order.syncState === 'waiting' ? <span class="sync-flag waiting">Waiting to sync</span> : null}
          {order.syncState === 'attention' ? <span class="sync-flag attention">Needs attention</span> : null}
        </div>
        <div class="order-actions">
          {step ? (
            <button
              type="button"
              class="primary"
              aria-describedby={numberId}
              onClick={() => onAction(order, { kind: 'status', status: step.status })}
            >
              {step.label}
            </button>
          ) : null}
          {order.paid ? null : (
            <button
              type="button"
              aria-describedby={numberId}
              onClick={() => onAction(order, { kind: 'paid' })}
            >
              Mark paid
            </button>
          )}
          <button
            type="button"
            class="danger"
            aria-describedby={numberId}
            onClick={() => onAction(order, { kind: 'status', status: 'cancelled' })}
          >
            Cancel order
          </button>
        </div>
      </li>
    );
  }
}
