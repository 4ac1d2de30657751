// Loads the Pay/Refund dialogs' chunk on demand (and once the counter has painted, so it is ready on the first
// tap and offline) and renders one for a live order from the store; focus goes back to the row's button.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaymentDraft } from '../../protocol/messages.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import type { OrdersStore } from '../orders-store.ts';
import { useSubscription } from '../use-subscription.ts';

type Dialogs = typeof import('./pay-dialogs.ts');
let loaded: Dialogs | null = null;
let loading: Promise<Dialogs> | null = null;

export function loadPayDialogs(): Promise<Dialogs> {
  loading ??= import('./pay-dialogs.ts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null; // a later tap tries again
      throw error;
    },
  );
  return loading;
}

/** Fetches the chunk when the browser is idle after the first paint. */
export function preloadPayDialogs(): void {
  const start = () => void loadPayDialogs().catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}

export interface PayDialogHostProps {
  store: OrdersStore;
  orderId: string;
  kind: 'pay' | 'refund';
  currency: string | null;
  opener: HTMLElement | null;
  onPay: (order: ClientOrder, payment: PaymentDraft) => void;
  onRefund: (order: ClientOrder, paymentId: string, amountCents: number, reason: string) => Promise<unknown>;
  onClose: () => void;
}

export function PayDialogHost({
  store,
  orderId,
  kind,
  currency,
  opener,
  onPay,
  onRefund,
  onClose,
}: PayDialogHostProps) {
  useSubscription(store, () => store.orders.get(orderId));
  const [dialogs, setDialogs] = useState<Dialogs | null>(() => loaded);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!dialogs)
      loadPayDialogs().then(
        (d) => setDialogs(d),
        (e: unknown) => setFailed(String(e)),
      );
  }, [dialogs]);
  const close = () => {
    onClose();
    if (opener?.isConnected) opener.focus();
  };
  // The last copy seen: a change on screen stays until dismissed even if the order is finished elsewhere.
  const last = useRef<ClientOrder | undefined>(undefined);
  last.current = store.orders.get(orderId) ?? last.current;
  const order = last.current;
  if (failed)
    return (
      <p class="banner problem" role="alert">
        The payment dialog could not be loaded: {failed}{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
    );
  if (!dialogs || order === undefined) return null;
  return kind === 'pay' ? (
    <dialogs.PayDialog order={order} currency={currency} onConfirm={onPay} onClose={close} />
  ) : (
    <dialogs.RefundDialog
      order={order}
      currency={currency}
      onRefund={(paymentId, amountCents, reason) => onRefund(order, paymentId, amountCents, reason)}
      onClose={close}
    />
  );
}
