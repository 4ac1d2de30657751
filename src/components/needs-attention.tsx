// Dead letters: changes the server rejected, each with the order number, what failed, the server's
// message, and Retry / Discard. Rendered only while there is something to show.
import type { DeadLetter } from '../../protocol/messages.ts';
import { unreachable } from '../../protocol/unreachable.ts';
import type { OrdersStore } from '../orders-store.ts';
import { useSubscription } from '../use-subscription.ts';

export interface NeedsAttentionProps {
  store: OrdersStore;
  onRetry: (letter: DeadLetter) => void;
  onDiscard: (letter: DeadLetter) => void;
}

function whatFailed(letter: DeadLetter): string {
  switch (letter.kind) {
    case 'create':
      return 'Creating the order failed';
    case 'status':
      return letter.status ? `Changing the status to ${letter.status} failed` : 'Changing the status failed';
    case 'paid':
      return 'Marking it paid failed';
    case 'discount':
      return 'Changing the discount failed';
    case 'payment':
      return 'Recording the payment failed';
    case 'refund':
      return 'Recording the refund failed';
    case 'drawer-open':
      return 'Opening the drawer failed';
    case 'drawer-move':
      return 'Recording the paid in or out failed';
    case 'drawer-close':
      return 'Closing the drawer failed';
    default:
      return unreachable(letter.kind);
  }
}

function customerOf(store: OrdersStore, letter: DeadLetter): string {
  return store.orders.get(letter.orderId)?.customerName ?? '';
}

export function NeedsAttention({ store, onRetry, onDiscard }: NeedsAttentionProps) {
  // Dead letters come with the sync status; the customer names shown beside them come from the list.
  useSubscription(store, () =>
    store.sync?.needsAttention.length ? `${store.syncVersion}/${store.listVersion}` : store.syncVersion,
  );
  const letters = store.sync?.needsAttention ?? [];
  if (letters.length === 0) return null;
  return (
    <section class="panel attention-panel" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Needs attention</h2>
      <ul class="attention" aria-label="Needs attention">
        {letters.map((letter) => {
          const labelId = `dead-${letter.mutationId}`;
          return (
            <li key={letter.mutationId} data-order-id={letter.orderId}>
              <div id={labelId}>
                <strong class="order-number">{letter.orderNumber}</strong>
                {customerOf(store, letter) ? ` (${customerOf(store, letter)})` : ''}: {whatFailed(letter)}
              </div>
              <p class="server-message">
                The server said: {letter.message} <span class="code">({letter.code})</span>
              </p>
              <div class="order-actions">
                <button
                  type="button"
                  class="primary"
                  aria-describedby={labelId}
                  onClick={() => onRetry(letter)}
                >
                  Retry
                </button>
                <button
                  type="button"
                  class="danger"
                  aria-describedby={labelId}
                  onClick={() => onDiscard(letter)}
                >
                  Discard
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
