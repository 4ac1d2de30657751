// One finished order in the History screen: items, total, customer, and when it reached each status
// (its recorded events: created, preparing, ready, completed or cancelled, paid).
import { ReceiptButton } from '../components/receipt-button.tsx';
import type { HistoryOrder, OrderEvent } from '../../protocol/history.ts';
import { formatMoney } from '../display-format.ts';
import { lineLabel } from '../line-label.ts';
import { useMenuCurrency } from '../use-menu-currency.ts';
import type { SwBridge } from '../sw-bridge.ts';
import { HistoryPayments } from './history-payments.tsx';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatWhen(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** What an event changed, read against the one before it (a payment keeps the status). */
function eventText(event: OrderEvent, previous: OrderEvent | undefined): string {
  if (previous === undefined) return 'Created';
  if (event.paid && !previous.paid && event.status === previous.status) return 'Paid';
  const status = event.status.charAt(0).toUpperCase() + event.status.slice(1);
  return event.paid && !previous.paid ? `${status}, paid` : status;
}

export interface HistoryDetailProps {
  order: HistoryOrder;
  bridge: SwBridge;
  /** The owner may refund (Part 3). */
  canRefund: boolean;
  deviceId: string | null;
  onChanged: (order: HistoryOrder) => void;
  onClose: () => void;
}

export function HistoryDetail({
  order,
  bridge,
  canRefund,
  deviceId,
  onChanged,
  onClose,
}: HistoryDetailProps) {
  const heading = `Order ${order.number}`;
  const currency = useMenuCurrency();
  return (
    <section class="panel history-detail" aria-labelledby="history-detail-heading">
      <h3 id="history-detail-heading">{heading}</h3>
      <dl class="device-facts">
        <dt>Customer</dt>
        <dd>{order.customerName === '' ? 'No name' : order.customerName}</dd>
        <dt>Status</dt>
        <dd>
          {order.status}
          {order.paid ? ', paid' : ', not paid'}
        </dd>
        <dt>Total</dt>
        <dd>{formatMoney(order.totalCents, currency)}</dd>
        {order.note === '' ? null : (
          <>
            <dt>Note</dt>
            <dd>{order.note}</dd>
          </>
        )}
      </dl>
      <h4>Items</h4>
      <ul aria-label={`Items of order ${order.number}`}>
        {order.items.map((item, index) => (
          <li key={`${item.menuItemId}-${index}`}>
            {item.qty} × {lineLabel(item.name, item.options)} —{' '}
            {formatMoney(item.qty * item.unitPriceCents, currency)}
            {item.note === '' ? null : <span class="muted"> ({item.note})</span>}
          </li>
        ))}
      </ul>
      <HistoryPayments
        order={order}
        currency={currency}
        bridge={bridge}
        canRefund={canRefund}
        deviceId={deviceId}
        onChanged={(ledger) => onChanged({ ...order, ...ledger })}
      />
      <h4>Status times</h4>
      <ol aria-label={`Status times of order ${order.number}`}>
        {order.events.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            {eventText(event, order.events[index - 1])}:{' '}
            <time dateTime={event.at}>{formatWhen(event.at)}</time>
          </li>
        ))}
      </ol>
      <ReceiptButton orderId={order.id} number={order.number} />
      <button type="button" onClick={onClose}>
        Close order {order.number}
      </button>
    </section>
  );
}
