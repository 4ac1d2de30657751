// The Active orders list (newest first), with a `Find order` box that narrows it by number, customer, item or
// note. Rows are keyed and memoized, so a delta re-renders only the rows it touched.
// Only the rows on screen are in the DOM (use-virtual-rows). Right after each DOM commit it fires the window
// events for what just changed and records how long the change took to show.
import { Component, type RefObject } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Discount } from '../../protocol/menu.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import type { DisplayTiming } from '../display-timing.ts';
import { orderMatches, orderQuery } from '../order-search.ts';
import type { OrdersStore } from '../orders-store.ts';
import { useSubscription } from '../use-subscription.ts';
import { OrderRow, type OrderAction } from './order-row.tsx';
import { whenIdle } from './after-paint.tsx';
import type { VirtualRows } from './use-virtual-rows.ts';
import { t } from '../i18n.ts';

export interface ActiveOrdersProps {
  store: OrdersStore;
  timing: DisplayTiming;
  currency: string | null;
  discounts?: readonly Discount[];
  onAction: (order: ClientOrder, action: OrderAction) => void;
  /** The owner's rows offer `Refunds` (Part 3). */
  canRefund?: boolean;
}

const AGE_TICK_MS = 15_000;

type RowsHook = (ids: readonly string[], listRef: RefObject<HTMLUListElement | null>) => VirtualRows;

/** Rows shown before the virtualiser's chunk is in: more than a tall screen holds. */
const PLAIN_ROWS = 30;
/** The virtualiser's estimate of a row, for the space the rows not rendered yet stand for. */
const PLAIN_ROW_PX = 80;

/**
 * The first paint's rows, numbered like the virtual ones. The virtualiser (@tanstack/virtual-core, ≈ 4.5 KiB
 * gzip) is its own chunk, fetched once the counter has painted (bench `bundle_gzip_kib`); the list then
 * remounts its rows with it, a moment after the first paint.
 */
function usePlainRows(ids: readonly string[], listRef: RefObject<HTMLUListElement | null>): VirtualRows {
  useLayoutEffect(() => {
    const setSize = String(ids.length);
    let index = 0;
    for (const row of listRef.current?.children ?? []) {
      row.setAttribute('data-index', String(index));
      row.setAttribute('aria-posinset', String(++index));
      row.setAttribute('aria-setsize', setSize);
    }
  });
  const shown = Math.min(ids.length, PLAIN_ROWS);
  return {
    items: Array.from({ length: shown }, (_, index) => ({ index }) as VirtualRows['items'][number]),
    paddingTop: 0,
    paddingBottom: (ids.length - shown) * PLAIN_ROW_PX,
  };
}

let virtualRows: RowsHook | null = null;
let loadingRows: Promise<RowsHook> | null = null;
function loadVirtualRows(): Promise<RowsHook> {
  loadingRows ??= import('./use-virtual-rows.ts').then(
    (module) => (virtualRows = module.useVirtualRows),
    (error: unknown) => {
      loadingRows = null;
      throw error;
    },
  );
  return loadingRows;
}

export function ActiveOrders({
  store,
  timing,
  currency,
  discounts,
  onAction,
  canRefund = false,
}: ActiveOrdersProps) {
  useSubscription(store, () => store.listVersion);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const [useRows, setUseRows] = useState<RowsHook>(() => virtualRows ?? usePlainRows);
  // A list longer than the plain rows needs the virtualiser to scroll: fetched at once. A short one can wait
  // for the idle moment after the first list's paint.
  const needsRows = store.ids.length > PLAIN_ROWS;
  useEffect(() => {
    if (useRows !== usePlainRows) return;
    let live = true;
    const load = () =>
      loadVirtualRows().then(
        (hook) => live && setUseRows(() => hook),
        (error: unknown) => console.warn('the list virtualiser did not load; showing the first rows', error),
      );
    if (needsRows) void load();
    else whenIdle(() => void load());
    return () => {
      live = false;
    };
  }, [needsRows]);
  const [search, setSearch] = useState('');
  const query = orderQuery(search);
  const listVersion = store.listVersion;
  // Without a search the store's own array is the list: a placed order's render does no extra work.
  const ids = useMemo(
    () => (query === null ? store.ids : store.ids.filter((id) => orderMatches(store.orders.get(id)!, query))),
    [query, listVersion, store.ids],
  );

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
          {t('orders.heading')}{' '}
          <span class="count">{query === null ? total : t('orders.countOf', { count, total })}</span>
        </h2>
        <input
          type="search"
          class="find-order"
          aria-label={t('orders.find')}
          placeholder={t('orders.find')}
          autocomplete="off"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      {total === 0 ? <p class="empty">{t('orders.none')}</p> : null}
      {total > 0 && count === 0 ? <p class="empty">{t('orders.noMatch', { query: search.trim() })}</p> : null}
      {/* Keyed by how rows are chosen: a hook's instance never changes its hooks. */}
      <Rows
        key={useRows === usePlainRows ? 'plain' : 'virtual'}
        {...{ useRows, ids, store, currency, now, discounts, onAction, canRefund }}
      />
    </section>
  );
}

interface RowsProps {
  useRows: RowsHook;
  ids: readonly string[];
  store: OrdersStore;
  currency: string | null;
  now: number;
  discounts: ActiveOrdersProps['discounts'];
  onAction: ActiveOrdersProps['onAction'];
  canRefund: boolean;
}

function Rows({ useRows, ids, store, currency, now, discounts, onAction, canRefund }: RowsProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const { items, paddingTop, paddingBottom } = useRows(ids, listRef);
  return (
    // Only the rows on screen are rendered; the padding stands in for the others. Each row gets
    // aria-posinset/aria-setsize after commit (use-virtual-rows), so the list still reads as all orders.
    <ul
      ref={listRef}
      class="orders"
      aria-label={t('orders.heading')}
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
            canRefund={canRefund}
          />
        );
      })}
    </ul>
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
      next.onAction !== prev.onAction ||
      next.canRefund !== prev.canRefund
    );
  }

  override render() {
    return <ActiveOrders {...this.props} />;
  }
}
