// The Active orders list. Rows are keyed and memoized, so a delta re-renders only the rows it touched.
// Right after each DOM commit it fires the window events for what just became visible and records
// how long the change took to show.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import type { DisplayTiming } from '../display-timing.ts';
import type { OrdersStore } from '../orders-store.ts';
import { useSubscription } from '../use-subscription.ts';
import { OrderRow, type OrderAction } from './order-row.tsx';

export interface ActiveOrdersProps {
  store: OrdersStore;
  timing: DisplayTiming;
  currency: string;
  onAction: (order: ClientOrder, action: OrderAction) => void;
}

const AGE_TICK_MS = 15_000;

export function ActiveOrders({ store, timing, currency, onAction }: ActiveOrdersProps) {
  useSubscription(store);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  // Runs after every commit of this list, i.e. once the rows for these changes are in the DOM.
  useLayoutEffect(() => {
    const events = store.drainEvents();
    if (events.length === 0) return;
    const shownAt = performance.now();
    for (const { event, startedAt } of events) {
      timing.record(shownAt - startedAt);
      window.dispatchEvent(new CustomEvent(event.name, { detail: event.detail }));
    }
  });

  const count = store.ids.length;
  return (
    <section class="panel orders-panel" aria-labelledby="active-orders-heading">
      <h2 id="active-orders-heading">
        Active orders <span class="count">{count}</span>
      </h2>
      {count === 0 ? <p class="empty">No active orders.</p> : null}
      <ul class="orders" aria-label="Active orders">
        {store.ids.map((id) => (
          <OrderRow
            key={id}
            order={store.orders.get(id)!}
            currency={currency}
            now={now}
            onAction={onAction}
          />
        ))}
      </ul>
    </section>
  );
}
