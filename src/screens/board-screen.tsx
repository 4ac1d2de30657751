// The Ready board (`/board`, every role; a display's home): read-only, for a screen facing customers. Big
// order numbers under Preparing and Ready (the longest waiting first), sized so a whole column fits the screen
// (nobody scrolls a TV); a number that just became ready glows for 10 s (and chimes when the chime is on).
// Offline it keeps showing what it knows, with a small corner mark.
import { useMemo, useRef } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import { playChime } from '../chime.ts';
import {
  boardCapacity,
  boardColumns,
  boardDensity,
  firstName,
  ReadyWatch,
} from '../kitchen/board-columns.ts';
import { useClock } from '../kitchen/use-clock.ts';
import { useBrowserOnline } from '../use-browser-online.ts';
import { useSubscription } from '../use-subscription.ts';
import type { ScreenProps } from './screen-props.ts';
import '../kitchen/kitchen.css';
import { t } from '../i18n.ts';

const TICK_MS = 1_000;

function BoardNumber({ order, highlight }: { order: ClientOrder; highlight: boolean }) {
  const name = firstName(order.customerName);
  return (
    <li data-order-id={order.id} class={`board-number${highlight ? ' just-ready' : ''}`}>
      <span class="board-digits">{order.number}</span>
      {name ? <span class="board-name">{name}</span> : null}
    </li>
  );
}

interface BoardListProps {
  column: 'preparing' | 'ready';
  label: string;
  orders: readonly ClientOrder[];
  isHighlighted: (id: string) => boolean;
}

function BoardList({ column, label, orders, isHighlighted }: BoardListProps) {
  const capacity = boardCapacity(column);
  const shown = orders.length > capacity ? orders.slice(0, capacity) : orders;
  const more = orders.length - shown.length;
  return (
    <>
      <ul class="board-list" aria-label={label} data-density={boardDensity(column, orders.length)}>
        {shown.map((order) => (
          <BoardNumber key={order.id} order={order} highlight={isHighlighted(order.id)} />
        ))}
      </ul>
      {more > 0 ? <p class="board-more">{t('board.more', { count: more })}</p> : null}
    </>
  );
}

const NEVER = () => false;

export default function BoardScreen({ store }: ScreenProps) {
  useSubscription(store, () => `${store.listVersion}/${store.syncVersion}`);
  const browserOnline = useBrowserOnline();
  const now = useClock(TICK_MS);
  const listVersion = store.listVersion;
  const { preparing, ready } = useMemo(() => boardColumns(store.orders.values()), [listVersion]);

  const watch = useRef(new ReadyWatch());
  useMemo(() => {
    const fresh = watch.current.update(
      preparing.map((o) => o.id),
      ready.map((o) => o.id),
      Date.now(),
    );
    if (fresh.length > 0) playChime();
  }, [preparing, ready]);

  const online = browserOnline && store.sync !== null && store.sync.online;
  // A display device is the customers' screen: the board takes it whole (no header, no navigation).
  const whole = store.sync?.device?.role === 'display';
  return (
    <main class={`screen board${whole ? ' board-whole' : ''}`}>
      <section class="board-column" aria-labelledby="board-preparing">
        <h2 id="board-preparing">{t('status.preparing')}</h2>
        <BoardList
          column="preparing"
          label={t('status.preparing')}
          orders={preparing}
          isHighlighted={NEVER}
        />
      </section>
      <section class="board-column board-ready" aria-labelledby="board-ready">
        <h2 id="board-ready">{t('status.ready')}</h2>
        <BoardList
          column="ready"
          label={t('status.ready')}
          orders={ready}
          isHighlighted={(id) => watch.current.isJustReady(id, now)}
        />
      </section>
      {online ? null : (
        <p class="board-offline" role="status">
          {t('sync.offline')}
        </p>
      )}
    </main>
  );
}
