// Loads the counter's money chunk (pay-dialogs.ts) once the counter has painted, so it is ready on the first tap
// and offline, and renders from it: the Pay or Refunds dialog for a live order from the store (focus goes back to
// the row's button), and the `Drawer closed` status. Nothing of it is in the counter's first JS.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import type { OrdersStore } from '../orders-store.ts';
import type { SwBridge } from '../sw-bridge.ts';
import { useSubscription } from '../use-subscription.ts';
import { t, whenAllWords } from '../i18n.ts';
import { whenIdle } from './after-paint.tsx';

type Dialogs = typeof import('./pay-dialogs.ts');
let loaded: Dialogs | null = null;
let loading: Promise<Dialogs> | null = null;

export function loadPayDialogs(): Promise<Dialogs> {
  // Its words come with it (the language's `more` catalogue), also when it fails: the alert is worded too.
  loading ??= Promise.all([import('./pay-dialogs.ts'), whenAllWords()]).then(
    ([module]) => (loaded = module),
    async (error: unknown) => {
      loading = null; // a later tap tries again
      await whenAllWords();
      throw error;
    },
  );
  return loading;
}

/** Fetches the chunk when the browser is idle after the first list was painted. */
export function preloadPayDialogs(): void {
  whenIdle(() => void loadPayDialogs().catch(() => undefined));
}

/** `when: 'idle'` waits for the idle moment after the first list's paint; `now` is a tap that needs them. */
function useDialogs(when: 'now' | 'idle'): [Dialogs | null, string | null] {
  const [dialogs, setDialogs] = useState<Dialogs | null>(() => loaded);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (dialogs) return;
    let live = true;
    const load = () =>
      loadPayDialogs().then(
        (d) => live && setDialogs(d),
        (e: unknown) => live && setFailed(String(e)),
      );
    if (when === 'now') void load();
    else whenIdle(() => void load());
    return () => {
      live = false;
    };
  }, [dialogs]);
  return [dialogs, failed];
}

/** The counter's `Drawer closed` status, once the chunk is in (a moment after the first list's paint). */
export function LazyDrawerStatus({ bridge }: { bridge: SwBridge }) {
  const [dialogs] = useDialogs('idle');
  return dialogs ? <dialogs.DrawerStatus bridge={bridge} /> : null;
}

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
  const [dialogs, failed] = useDialogs('now');
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
        {t('pay.loadFailed', { error: failed })}{' '}
        <button type="button" onClick={onClose}>
          {t('pay.close')}
        </button>
      </p>
    );
  if (!dialogs || order === undefined) return null;
  // The bridge applies each reply with the moment of the tap, so the row's change is timed like any intent's.
  return kind === 'pay' ? (
    <dialogs.PayDialog
      order={order}
      currency={currency}
      onConfirm={(paying, payment) => {
        const startedAt = performance.now();
        return dialogs
          .pay(bridge, store, paying.id, payment, startedAt)
          .catch((error: unknown) => onError(t('pay.notPaid', { number: paying.number }), error));
      }}
      onClose={close}
    />
  ) : (
    <dialogs.RefundDialog
      order={order}
      currency={currency}
      onRefund={(paymentId, amountCents, reason) => {
        return dialogs.refund(bridge, order.id, paymentId, amountCents, reason);
      }}
      onClose={close}
    />
  );
}
