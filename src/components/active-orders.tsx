// The Active orders list (newest first), with a `Find order` box that narrows it by number, customer, item or
// note. Rows are keyed and memoized, so a delta re-renders only the rows it touched.
// Only the rows on screen are in the DOM (use-virtual-rows). Right after each DOM commit it fires the window
// events for what just changed and records how long the change took to show.
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Discount } from '../../protocol/menu.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import type { DisplayTiming } from '../display-timing.ts';
import { orderMatches, orderQuery } from '../order-search.ts';
import type { OrdersStore } from '../orders-store.ts';
import { useSubscription } from '../use-subscription.ts';
import { OrderRow, type OrderAction } from './order-row.tsx';
import { useVirtualRows } from './use-virtual-rows.ts';

export interface ActiveOrdersProps {
  store: OrdersStore;
  timing: DisplayTiming;
  currency: string | null;
  discounts?: readonly Discount[];
  onAction: (order: ClientOrder, action: OrderAction) => void;
}

const AGE_TICK_MS = 15_000;

export function ActiveOrders({ store, timing, currency, discounts, onAction }: ActiveOrdersProps) {
  useSubscription(store, () => store.listVersion);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const listRef = useRef<HTMLUListElement>(null);
  const [search, setSearch] = useState('');
  const query = orderQuery(search);
  const listVersion = store.listVersion;
  // Without a search the store's own array is the list: a placed order's render does no extra work.
  const ids = useMemo(
    () => (query === null ? store.ids : store.ids.filter((id) => orderMatches(store.orders.get(id)!, query))),
    [query, listVersion, store.ids],
  );
  const { items, paddingTop, paddingBottom } = useVirtualRows(ids, listRef);

  const firstPaintMarked = useRef(false);
  // Runs after every commit of this list, i.e. once the rows for these changes are in the DOM.
  useLayoutEffect(() => {
    if (!firstPaintMarked.current && store.isHydrated) {
      // User-timing marks so a cold start (reload → list from IDB) can be measured from outside.
      firstPaintMarked.current = true;
      performance.mark('orderline:first-snapshot-rendered', { detail: { orders: ids.length } });
    }
    const events = store.drainEvents();
    if (events.length === 0) return;
    const shownAt = performance.now();
    for (const { event, startedAt } of events) {
      timing.record(shownAt - startedAt);
      window.dispatchEvent(new CustomEvent(event.name, { detail: event.detail }));
    }
  });

  const count = ids.length;
  const total = store.ids.length;
  return (
    <section class="panel orders-panel" aria-labelledby="active-orders-heading">
      <div class="orders-heading">
        <h2 id="active-orders-heading">
          Active orders <span class="count">{query === null ? total : `${count} of ${total}`}</span>
        </h2>
        <input
          type="search"
          class="find-order"
          aria-label="Find order"
          placeholder="Find order"
          autocomplete="off"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      {total === 0 ? <p class="empty">No active orders.</p> : null}
      {total > 0 && count === 0 ? <p class="empty">No active order matches “{search.trim()}”.</p> : null}
      {/* Only the rows on screen are rendered; the padding stands in for the others. Each row gets
          aria-posinset/aria-setsize after commit (use-virtual-rows), so the list still reads as all orders. */}
      <ul
        ref={listRef}
        class="orders"
        aria-label="Active orders"
        style={{ paddingTop: `${paddingTop}px`, paddingBottom: `${paddingBottom}px` }}
      >
        {items.map(({ index }) => {
          const id = ids[index]!;
          return (
            <OrderRow
              key={id}
              order={store.orders.get(id)!}
              currency={currency}
              now={now}
              discounts={discounts}
              onAction={onAction}
            />
          );
        })}
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
      next.discounts !== prev.discounts ||
      next.onAction !== prev.onAction
    );
  }

  override render() {
    return <ActiveOrders {...this.props} />;
  }
}
