// The Pay or Refunds dialog for a live order from the store, in the counter's money chunk (pay-dialogs.ts,
// loaded after the first paint; deferred-parts.ts fetches it on the tap when it is not in yet). Focus goes back
// to the row's button.
import { useRef } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import type { OrdersStore } from '../orders-store.ts';
import { pay, refund } from '../payments-bridge.ts';
import type { SwBridge } from '../sw-bridge.ts';
import { useSubscription } from '../use-subscription.ts';
import { t } from '../i18n.ts';
import PayDialog from './pay-dialog.tsx';
import RefundDialog from './refund-dialog.tsx';

export interface PayDialogHostProps {
  store: OrdersStore;
  bridge: SwBridge;
  orderId: string;
  kind: 'pay' | 'refund';
  currency: string | null;
  opener: HTMLElement | null;
  onError: (what: string, error: unknown) => void;
  onClose: () => void;
}

export function PayDialogHost(props: PayDialogHostProps) {
  const { store, bridge, orderId, kind, currency, opener, onError, onClose } = props;
  useSubscription(store, () => store.orders.get(orderId));
  const close = () => {
    onClose();
    if (opener?.isConnected) opener.focus();
  };
  // The last copy seen: a change on screen stays until dismissed even if the order is finished elsewhere.
  const last = useRef<ClientOrder | undefined>(undefined);
  last.current = store.orders.get(orderId) ?? last.current;
  const order = last.current;
  if (order === undefined) return null;
  // The bridge applies each reply with the moment of the tap, so the row's change is timed like any intent's.
  return kind === 'pay' ? (
    <PayDialog
      order={order}
      currency={currency}
      onConfirm={(paying, payment) => {
        const startedAt = performance.now();
        return pay(bridge, store, paying.id, payment, startedAt).catch((error: unknown) =>
          onError(t('pay.notPaid', { number: paying.number }), error),
        );
      }}
      onClose={close}
    />
  ) : (
    <RefundDialog
      order={order}
      currency={currency}
      onRefund={(paymentId, amountCents, reason) => refund(bridge, order.id, paymentId, amountCents, reason)}
      onClose={close}
    />
  );
}
