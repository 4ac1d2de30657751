// The History screen (`/history`, owner and counter): finished orders newest first, searched by number or
// customer, filtered by status and day, paged by the server's cursor. The full history is read online only;
// offline (or when the server cannot answer) it shows the few recently finished orders the device keeps
// (sw/recent-finished.ts), filtered the same way, so a just-completed order can still be looked up.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import { FINISHED_STATUSES, type HistoryOrder, type HistoryResponse } from '../../protocol/history.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { formatMoney } from '../display-format.ts';
import { useMenuCurrency } from '../use-menu-currency.ts';
import { historyUrl, matchesFilters, NO_FILTERS, type HistoryFilters } from '../history-query.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import { formatWhen, HistoryDetail } from './history-detail.tsx';
import type { ScreenProps } from './screen-props.ts';
import { useSubscription } from '../use-subscription.ts';

const NEEDS_CONNECTION = 'Order history needs a connection to the server.';
/** Typing settles for this long before the search is sent. */
const SEARCH_DELAY_MS = 250;

interface Results {
  orders: HistoryOrder[];
  nextCursor: string | null;
}

export default function HistoryScreen({ bridge, store }: Pick<ScreenProps, 'bridge' | 'store'>) {
  useSubscription(store, () => store.sync?.device?.role);
  const canRefund = store.sync?.device?.role === 'owner';
  const online = useBrowserOnline();
  /** The finished orders this device keeps; read when the server's history is out of reach. */
  const [kept, setKept] = useState<ClientOrder[] | null>(null);
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<HistoryOrder | null>(null);
  // Answers to an older search are dropped: only the latest request may fill the list.
  const latest = useRef(0);

  const load = async (query: HistoryFilters, cursor: string | null) => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const page = await apiRequest<HistoryResponse>('GET', historyUrl(query, cursor));
      if (request !== latest.current) return;
      if (!Array.isArray(page.orders)) throw new Error('The history answer was not a list.');
      setResults((previous) => ({
        orders: cursor === null || previous === null ? page.orders : [...previous.orders, ...page.orders],
        nextCursor: page.nextCursor,
      }));
      setError(null);
    } catch (reason) {
      if (request === latest.current)
        setError(`Order history could not be loaded: ${describeFailure(reason, NEEDS_CONNECTION)}`);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  };

  useEffect(() => {
    if (!online) return;
    const timer = setTimeout(() => void load(filters, null), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, online]);

  const unreachable = !online || error !== null;
  useEffect(() => {
    if (!unreachable) return;
    bridge.request({ v: 1, type: 'recent-finished' }).then(
      (orders) => setKept(orders),
      () => setKept([]), // the worker could not answer either: say nothing is kept rather than spin
    );
  }, [unreachable, bridge]);

  const update = (change: Partial<HistoryFilters>) => setFilters((previous) => ({ ...previous, ...change }));

  return (
    <main class="screen history">
      <h2>Order history</h2>
      {online ? null : (
        <p class="banner problem" role="status">
          {NEEDS_CONNECTION} This device is offline; only orders finished on it recently are shown.
        </p>
      )}
      {error ? (
        <p class="banner problem" role="alert">
          {error}
        </p>
      ) : null}
      <form class="history-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          Search orders
          <input
            type="search"
            value={filters.search}
            placeholder="Number, customer or item"
            onInput={(event) => update({ search: event.currentTarget.value })}
          />
        </label>
        <label>
          Status
          <select
            value={filters.status}
            onChange={(event) => update({ status: event.currentTarget.value as HistoryFilters['status'] })}
          >
            <option value="any">Any</option>
            {FINISHED_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status === 'completed' ? 'Completed' : 'Cancelled'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Day
          <input
            type="date"
            value={filters.day}
            onInput={(event) => update({ day: event.currentTarget.value })}
          />
        </label>
      </form>
      <div class="history-body">
        <div class="history-results">
          {results === null ? (
            <p class="muted">{online ? 'Loading order history…' : 'Order history is shown when online.'}</p>
          ) : results.orders.length === 0 ? (
            <p class="empty">No finished orders match.</p>
          ) : (
            <ul aria-label="Order history" class="history-list" aria-busy={loading}>
              {results.orders.map((order) => (
                <li key={order.id} data-order-id={order.id} class="history-order">
                  <button
                    type="button"
                    onClick={() => setSelected(order)}
                    aria-pressed={selected?.id === order.id}
                  >
                    <OrderName order={order} />
                  </button>
                  <OrderFacts order={order} at={order.createdAt} />
                </li>
              ))}
            </ul>
          )}
          {results?.nextCursor ? (
            <button
              type="button"
              disabled={!online || loading}
              onClick={() => void load(filters, results.nextCursor)}
            >
              More orders
            </button>
          ) : null}
        </div>
        {unreachable && kept !== null ? <KeptOrders orders={kept} filters={filters} /> : null}
        {selected ? (
          <HistoryDetail
            order={selected}
            bridge={bridge}
            canRefund={canRefund}
            deviceId={store.sync?.device?.id ?? null}
            onChanged={(changed) => {
              setSelected(changed);
              setResults((r) =>
                r === null ? r : { ...r, orders: r.orders.map((o) => (o.id === changed.id ? changed : o)) },
              );
            }}
            onClose={() => setSelected(null)}
          />
        ) : null}
      </div>
    </main>
  );
}

/** The recently finished orders kept on this device (at most 100, finished in the last 12 hours). */
function KeptOrders({ orders, filters }: { orders: ClientOrder[]; filters: HistoryFilters }) {
  const shown = orders.filter((order) => matchesFilters(order, filters));
  return (
    <section class="history-kept" aria-labelledby="history-kept-heading">
      <h3 id="history-kept-heading">Recently finished on this device</h3>
      {shown.length === 0 ? (
        <p class="empty">
          {orders.length === 0 ? 'No finished orders are kept on this device.' : 'No kept order matches.'}
        </p>
      ) : (
        <ul aria-label="Recently finished on this device" class="history-list">
          {shown.map((order) => (
            <li key={order.id} data-order-id={order.id} class="history-order">
              <OrderName order={order} />
              <OrderFacts order={order} at={order.updatedAt} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Summary = Pick<ClientOrder, 'number' | 'customerName' | 'status' | 'totalCents'>;

function OrderName({ order }: { order: Summary }) {
  return (
    <>
      <strong>{order.number}</strong> {order.customerName === '' ? 'No name' : order.customerName}
    </>
  );
}

/** Status, total and a time: created for the server's history, finished for the orders kept on the device. */
function OrderFacts({ order, at }: { order: Summary; at: string }) {
  const currency = useMenuCurrency();
  return (
    <span>
      {order.status} · {formatMoney(order.totalCents, currency)} · <time dateTime={at}>{formatWhen(at)}</time>
    </span>
  );
}
