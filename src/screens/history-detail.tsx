// One finished order in the History screen: items, total, customer, and when it reached each status
// (its recorded events: created, preparing, ready, completed or cancelled, paid).
import { ReceiptButton } from '../components/receipt-button.tsx';
import type { HistoryOrder, OrderEvent } from '../../protocol/history.ts';
import { formatMoney } from '../display-format.ts';
import { lineLabel } from '../line-label.ts';
import { useMenuCurrency } from '../use-menu-currency.ts';
import type { SwBridge } from '../sw-bridge.ts';
import { HistoryPayments } from './history-payments.tsx';
import { t } from '../i18n.ts';
import { STATUS_WORD } from '../components/order-row.tsx';
import { formatDateTime } from '../when-format.ts';

/** When something happened, with seconds, on the shop's clock (`timeZone`). */
export function formatWhen(iso: string, timeZone: string): string {
  return formatDateTime(iso, timeZone, 'medium');
}

/** What an event changed, read against the one before it (a payment keeps the status). */
function eventText(event: OrderEvent, previous: OrderEvent | undefined): string {
  if (previous === undefined) return t('history.created');
  if (event.paid && !previous.paid && event.status === previous.status) return t('history.paid');
  const status = t(STATUS_WORD[event.status]);
  return event.paid && !previous.paid ? t('history.statusPaid', { status }) : status;
}

export interface HistoryDetailProps {
  order: HistoryOrder;
  bridge: SwBridge;
  /** The owner may refund (Part 3). */
  canRefund: boolean;
  deviceId: string | null;
  /** The shop's time zone: the status times read on its clock. */
  timeZone: string;
  onChanged: (order: HistoryOrder) => void;
  onClose: () => void;
}

export function HistoryDetail({
  order,
  bridge,
  canRefund,
  deviceId,
  timeZone,
  onChanged,
  onClose,
}: HistoryDetailProps) {
  const heading = t('history.order', { number: order.number });
  const currency = useMenuCurrency();
  return (
    <section class="panel history-detail" aria-labelledby="history-detail-heading">
      <h3 id="history-detail-heading">{heading}</h3>
      <dl class="device-facts">
        <dt>{t('history.customer')}</dt>
        <dd>{order.customerName === '' ? t('history.noName') : order.customerName}</dd>
        <dt>{t('history.status')}</dt>
        <dd>
          {t('history.statusWord', { status: order.status })}
          {order.paid ? t('history.isPaid') : t('history.notPaid')}
        </dd>
        <dt>{t('history.total')}</dt>
        <dd>{formatMoney(order.totalCents, currency)}</dd>
        {order.note === '' ? null : (
          <>
            <dt>{t('history.note')}</dt>
            <dd>{order.note}</dd>
          </>
        )}
      </dl>
      <h4>{t('history.items')}</h4>
      <ul aria-label={t('history.itemsOf', { number: order.number })}>
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
      <h4>{t('history.times')}</h4>
      <ol aria-label={t('history.timesOf', { number: order.number })}>
        {order.events.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            {eventText(event, order.events[index - 1])}:{' '}
            <time dateTime={event.at}>{formatWhen(event.at, timeZone)}</time>
          </li>
        ))}
      </ol>
      <ReceiptButton orderId={order.id} number={order.number} />
      <button type="button" onClick={onClose}>
        {t('history.closeOrder', { number: order.number })}
      </button>
    </section>
  );
}
