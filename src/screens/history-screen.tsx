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
import { STATUS_WORD } from '../components/order-row.tsx';
import type { ScreenProps } from './screen-props.ts';
import { useSubscription } from '../use-subscription.ts';
import { useShopTimeZone } from '../kitchen/use-shop-settings.ts';
import { t } from '../i18n.ts';
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
  /** The shop's zone: its midnights bound the day filter, its clock times the orders. */
  const timeZone = useShopTimeZone();
  /** The finished orders this device keeps; read when the server's history is out of reach. */
  const [kept, setKept] = useState<ClientOrder[] | null>(null);
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<HistoryOrder | null>(null);
  // Answers to an older search are dropped: only the latest request may fill the list.
  const latest = useRef(0);

  const load = async (query: HistoryFilters, cursor: string | null, zone: string) => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const page = await apiRequest<HistoryResponse>('GET', historyUrl(query, cursor, zone));
      if (request !== latest.current) return;
      if (!Array.isArray(page.orders)) throw new Error(t('history.notAList'));
      setResults((previous) => ({
        orders: cursor === null || previous === null ? page.orders : [...previous.orders, ...page.orders],
        nextCursor: page.nextCursor,
      }));
      setError(null);
    } catch (reason) {
      if (request === latest.current)
        setError(t('history.loadFailed', { error: describeFailure(reason, t('history.needsConnection')) }));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  };

  // The zone matters only to a day filter: the settings coming in do not send an unfiltered search again.
  const dayZone = filters.day === '' ? '' : timeZone;
  useEffect(() => {
    if (!online) return;
    const timer = setTimeout(() => void load(filters, null, timeZone), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, online, dayZone]);

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
      <h2>{t('history.heading')}</h2>
      {online ? null : (
        <p class="banner problem" role="status">
          {t('history.needsConnection')} {t('history.offline')}
        </p>
      )}
      {error ? (
        <p class="banner problem" role="alert">
          {error}
        </p>
      ) : null}
      <form class="history-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('history.search')}
          <input
            type="search"
            value={filters.search}
            placeholder={t('history.searchHint')}
            onInput={(event) => update({ search: event.currentTarget.value })}
          />
        </label>
        <label>
          {t('history.status')}
          <select
            value={filters.status}
            onChange={(event) => update({ status: event.currentTarget.value as HistoryFilters['status'] })}
          >
            <option value="any">{t('history.any')}</option>
            {FINISHED_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(STATUS_WORD[status])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.day')}
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
            <p class="muted">{online ? t('history.loading') : t('history.whenOnline')}</p>
          ) : results.orders.length === 0 ? (
            <p class="empty">{t('history.noMatch')}</p>
          ) : (
            <ul aria-label={t('history.heading')} class="history-list" aria-busy={loading}>
              {results.orders.map((order) => (
                <li key={order.id} data-order-id={order.id} class="history-order">
                  <button
                    type="button"
                    onClick={() => setSelected(order)}
                    aria-pressed={selected?.id === order.id}
                  >
                    <OrderName order={order} />
                  </button>
                  <OrderFacts order={order} at={order.createdAt} timeZone={timeZone} />
                </li>
              ))}
            </ul>
          )}
          {results?.nextCursor ? (
            <button
              type="button"
              disabled={!online || loading}
              onClick={() => void load(filters, results.nextCursor, timeZone)}
            >
              {t('history.more')}
            </button>
          ) : null}
        </div>
        {unreachable && kept !== null ? (
          <KeptOrders orders={kept} filters={filters} timeZone={timeZone} />
        ) : null}
        {selected ? (
          <HistoryDetail
            order={selected}
            bridge={bridge}
            canRefund={canRefund}
            deviceId={store.sync?.device?.id ?? null}
            timeZone={timeZone}
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
function KeptOrders({
  orders,
  filters,
  timeZone,
}: {
  orders: ClientOrder[];
  filters: HistoryFilters;
  timeZone: string;
}) {
  const shown = orders.filter((order) => matchesFilters(order, filters, timeZone));
  return (
    <section class="history-kept" aria-labelledby="history-kept-heading">
      <h3 id="history-kept-heading">{t('history.kept')}</h3>
      {shown.length === 0 ? (
        <p class="empty">{orders.length === 0 ? t('history.noneKept') : t('history.noKeptMatch')}</p>
      ) : (
        <ul aria-label={t('history.kept')} class="history-list">
          {shown.map((order) => (
            <li key={order.id} data-order-id={order.id} class="history-order">
              <OrderName order={order} />
              <OrderFacts order={order} at={order.updatedAt} timeZone={timeZone} />
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
      <strong>{order.number}</strong> {order.customerName === '' ? t('history.noName') : order.customerName}
    </>
  );
}

/** Status, total and a time (on the shop's clock): created for the server's history, finished for the kept ones. */
function OrderFacts({ order, at, timeZone }: { order: Summary; at: string; timeZone: string }) {
  const currency = useMenuCurrency();
  return (
    <span>
      {t('history.statusWord', { status: order.status })} · {formatMoney(order.totalCents, currency)} ·{' '}
      <time dateTime={at}>{formatWhen(at, timeZone)}</time>
    </span>
  );
}
