// Dead letters: changes the server rejected, each with the order number, what failed, why in words for its
// error code (the server's message for a code without words), and Retry / Discard. Rendered only while there
// is something to show.
import type { DeadLetter } from '../../protocol/messages.ts';
import { unreachable } from '../../protocol/unreachable.ts';
import type { OrdersStore } from '../orders-store.ts';
import type { SwBridge } from '../sw-bridge.ts';
import { useSubscription } from '../use-subscription.ts';
import { errorWords } from '../api-request.ts';
import { t } from '../i18n.ts';

export interface NeedsAttentionProps {
  store: OrdersStore;
  /** Retry and Discard are intents to the worker. */
  bridge: SwBridge;
  /** Shows a refused intent (`what` failed, and why). */
  onError: (what: string, error: unknown) => void;
}

function whatFailed(letter: DeadLetter): string {
  switch (letter.kind) {
    case 'create':
      return t('attention.create');
    case 'status':
      return letter.status ? t('attention.statusTo', { status: letter.status }) : t('attention.status');
    case 'paid':
      return t('attention.paid');
    case 'discount':
      return t('attention.discount');
    case 'payment':
      return t('attention.payment');
    case 'refund':
      return t('attention.refund');
    case 'drawer-open':
      return t('attention.drawerOpen');
    case 'drawer-move':
      return t('attention.drawerMove');
    case 'drawer-close':
      return t('attention.drawerClose');
    default:
      return unreachable(letter.kind);
  }
}

function customerOf(store: OrdersStore, letter: DeadLetter): string {
  return store.orders.get(letter.orderId)?.customerName ?? '';
}

export function NeedsAttention({ store, bridge, onError }: NeedsAttentionProps) {
  const onRetry = (letter: DeadLetter) =>
    bridge
      .request({ v: 1, type: 'retry', mutationId: letter.mutationId })
      .catch((e: unknown) => onError(t('order.retryFailed'), e));
  const onDiscard = (letter: DeadLetter) =>
    bridge
      .request({ v: 1, type: 'discard', mutationId: letter.mutationId })
      .catch((e: unknown) => onError(t('order.discardFailed'), e));
  // Dead letters come with the sync status; the customer names shown beside them come from the list.
  useSubscription(store, () =>
    store.sync?.needsAttention.length ? `${store.syncVersion}/${store.listVersion}` : store.syncVersion,
  );
  const letters = store.sync?.needsAttention ?? [];
  if (letters.length === 0) return null;
  return (
    <section class="panel attention-panel" aria-labelledby="attention-heading">
      <h2 id="attention-heading">{t('attention.heading')}</h2>
      <ul class="attention" aria-label={t('attention.heading')}>
        {letters.map((letter) => {
          const labelId = `dead-${letter.mutationId}`;
          return (
            <li key={letter.mutationId} data-order-id={letter.orderId}>
              <div id={labelId}>
                <strong class="order-number">{letter.orderNumber}</strong>
                {customerOf(store, letter) ? ` (${customerOf(store, letter)})` : ''}: {whatFailed(letter)}
              </div>
              <p class="server-message">
                {errorWords(letter.code, letter.message) ??
                  t('attention.serverSaid', { message: letter.message })}{' '}
                <span class="code">({letter.code})</span>
              </p>
              <div class="order-actions">
                <button
                  type="button"
                  class="primary"
                  aria-describedby={labelId}
                  onClick={() => onRetry(letter)}
                >
                  {t('attention.retry')}
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-describedby={labelId}
                  onClick={() => onDiscard(letter)}
                >
                  {t('attention.discard')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
