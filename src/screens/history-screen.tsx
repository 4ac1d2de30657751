// The History screen (`/history`, owner and counter): finished orders newest first, searched by number or
// customer, filtered by status and day, paged by the server's cursor. Read online only, never cached.
import { useEffect, useRef, useState } from 'preact/hooks';
import { FINISHED_STATUSES, type HistoryOrder, type HistoryResponse } from '../../protocol/history.ts';
import { apiRequest, describeFailure } from '../api-request.ts';
import { formatMoney } from '../display-format.ts';
import { historyUrl, NO_FILTERS, type HistoryFilters } from '../history-query.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import { formatWhen, HistoryDetail } from './history-detail.tsx';

const NEEDS_CONNECTION = 'Order history needs a connection to the server.';
/** Typing settles for this long before the search is sent. */
const SEARCH_DELAY_MS = 250;

interface Results {
  orders: HistoryOrder[];
  nextCursor: string | null;
}

export default function HistoryScreen() {
  const online = useBrowserOnline();
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

  const update = (change: Partial<HistoryFilters>) => setFilters((previous) => ({ ...previous, ...change }));

  return (
    <main class="screen history">
      <h2>Order history</h2>
      {online ? null : (
        <p class="banner problem" role="status">
          {NEEDS_CONNECTION} This device is offline; history is not kept on the device.
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
            placeholder="Number or customer"
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
                    <strong>{order.number}</strong>{' '}
                    {order.customerName === '' ? 'No name' : order.customerName}
                  </button>
                  <span>
                    {order.status} · {formatMoney(order.totalCents, null)} ·{' '}
                    <time dateTime={order.createdAt}>{formatWhen(order.createdAt)}</time>
                  </span>
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
        {selected ? <HistoryDetail order={selected} onClose={() => setSelected(null)} /> : null}
      </div>
    </main>
  );
}
