// The Active orders list. Rows are keyed and memoized, so a delta re-renders only the rows it touched.
// Right after each DOM commit it fires the window events for what just became visible and records
// how long the change took to show.
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import type { DisplayTiming } from '../display-timing.ts';
import type { OrdersStore } from '../orders-store.ts';
import { useSubscription } from '../use-subscription.ts';
import { OrderRow, type OrderAction } from './order-row.tsx';

export interface ActiveOrdersProps {
  store: OrdersStore;
  timing: DisplayTiming;
  currency: string | null;
  onAction: (order: ClientOrder, action: OrderAction) => void;
}

const AGE_TICK_MS = 15_000;
/** Enough rows to fill a tall screen: painted first, the rest in the next frame. */
const FIRST_ROWS = 30;

export function ActiveOrders({ store, timing, currency, onAction }: ActiveOrdersProps) {
  useSubscription(store, () => store.listVersion);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  // Two-step first paint: a cold start with 1,000 orders shows the newest rows in the first frame and the
  // rest in the next one. (Filling a few hundred rows per frame cost more in all: each step pays a frame's
  // style, layout and paint again.)
  const [limit, setLimit] = useState(() => (store.isHydrated ? Infinity : FIRST_ROWS));
  const filling = limit !== Infinity;
  useEffect(() => {
    if (!filling || !store.isHydrated) return;
    const finish = () => {
      setLimit(Infinity);
      performance.mark('orderline:all-rows-rendered', { detail: { orders: store.ids.length } });
    };
    // Hidden tabs get (almost) no frames: no paint to protect there, so render everything now.
    if (limit >= store.ids.length || document.visibilityState === 'hidden') {
      finish();
      return;
    }
    const frame = requestAnimationFrame(finish);
    return () => cancelAnimationFrame(frame);
    // Only while filling: an effect on every render would schedule an after-paint callback for each delta.
  }, [filling, limit, store.isHydrated]);

  const firstPaintMarked = useRef(false);
  // Runs after every commit of this list, i.e. once the rows for these changes are in the DOM.
  useLayoutEffect(() => {
    if (!firstPaintMarked.current && store.isHydrated) {
      // User-timing marks so a cold start (reload → list from IDB) can be measured from outside.
      firstPaintMarked.current = true;
      performance.mark('orderline:first-snapshot-rendered', { detail: { orders: store.ids.length } });
    }
    // While the list is still filling, a changed row may not be in the DOM yet: hold its event.
    if (filling) return;
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
        {(filling ? store.ids.slice(0, limit) : store.ids).map((id) => (
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

/**
 * The list as the App uses it: skips re-rendering when the App re-renders for other reasons (every tap on
 * the menu changes the cart); the list still re-renders itself on every store change.
 */
export class PureActiveOrders extends Component<ActiveOrdersProps> {
  override shouldComponentUpdate(next: ActiveOrdersProps): boolean {
    const prev = this.props;
    return (
      next.store !== prev.store ||
      next.timing !== prev.timing ||
      next.currency !== prev.currency ||
      next.onAction !== prev.onAction
    );
  }

  override render() {
    return <ActiveOrders {...this.props} />;
  }
}
