// Asks before an order is cancelled: one stray tap on a row must not destroy an order, and a paid order's
// cancel says that it is paid (the money has to go back). A native modal <dialog>: focus stays inside, Escape
// and `Keep order` close it, and focus returns to the row's button. Follows the order live: if it is finished
// or cancelled elsewhere while the question is open, the question goes away.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { isActive, type ClientOrder } from '../../protocol/order.ts';
import { formatMoney } from '../display-format.ts';
import type { OrdersStore } from '../orders-store.ts';
import { useSubscription } from '../use-subscription.ts';
import { t } from '../i18n.ts';

export interface CancelOrderDialogProps {
  store: OrdersStore;
  orderId: string;
  currency: string | null;
  onConfirm: (order: ClientOrder) => void;
  onClose: () => void;
}

export function CancelOrderDialog({ store, orderId, currency, onConfirm, onClose }: CancelOrderDialogProps) {
  useSubscription(store, () => store.orders.get(orderId));
  const order = store.orders.get(orderId);
  const ref = useRef<HTMLDialogElement>(null);
  const gone = order === undefined || !isActive(order);
  useLayoutEffect(() => {
    if (gone) return onClose();
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, [gone]);
  if (order === undefined) return null;
  const items = order.items.map((item) => `${item.qty} × ${item.name}`).join(', ');
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby="cancel-order-title"
      aria-describedby="cancel-order-what"
      onClose={onClose}
    >
      <h2 id="cancel-order-title">{t('cancel.title', { number: order.number })}</h2>
      <div id="cancel-order-what">
        <p>
          {order.customerName ? `${order.customerName}: ` : ''}
          {t('cancel.what', { items, total: formatMoney(order.totalCents, currency) })}
        </p>
        {order.paid ? (
          <p class="warning">{t('cancel.paid', { total: formatMoney(order.totalCents, currency) })}</p>
        ) : null}
      </div>
      <div class="dialog-actions">
        {/* The safe answer has the focus, so a second stray tap or Enter keeps the order. */}
        <button type="button" autofocus onClick={() => ref.current?.close()}>
          {t('cancel.keep')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            onConfirm(order);
            ref.current?.close();
          }}
        >
          {t('cancel.confirm')}
        </button>
      </div>
    </dialog>
  );
}
