// One kitchen ticket: number, customer, every item with quantity and notes in large type, a live timer,
// and its `Bump <number>` button. Warning and late are a class and words, so screen readers hear them too.
import { Component } from 'preact';
import type { ClientOrder, OrderStatus } from '../../protocol/order.ts';
import type { AgeLevel } from './kitchen-tickets.ts';
import type { TicketClock } from './ticket-clock.ts';
import { TicketTimer } from './ticket-timer.tsx';
import { t } from '../i18n.ts';

export interface KitchenTicketProps {
  order: ClientOrder;
  /** The status to show: a bump not yet answered by the SW is shown already (bump-overlay.ts). */
  status: OrderStatus;
  /** The number the keyboard bump bar types for this ticket (ticket-places.ts); null past the 99th. */
  place: number | null;
  picked: boolean;
  /** When the ticket's clock started (ms), and its level now: the screen decides both. */
  startMs: number;
  level: AgeLevel;
  clock: TicketClock;
  onBump: (order: ClientOrder) => void;
}

/**
 * Renders one ticket; a bump re-renders only the tickets whose props changed, not all 200 on screen. The
 * running time is not a prop: TicketTimer ticks on its own, so a tick never re-renders a ticket either.
 */
export class KitchenTicket extends Component<KitchenTicketProps> {
  override shouldComponentUpdate(next: KitchenTicketProps): boolean {
    const prev = this.props;
    return (
      next.order !== prev.order ||
      next.status !== prev.status ||
      next.picked !== prev.picked ||
      next.place !== prev.place ||
      next.startMs !== prev.startMs ||
      next.level !== prev.level ||
      next.clock !== prev.clock ||
      next.onBump !== prev.onBump
    );
  }

  override render() {
    return <TicketView {...this.props} />;
  }
}

function TicketView({ order, status, place, picked, startMs, level, clock, onBump }: KitchenTicketProps) {
  return (
    <li
      data-order-id={order.id}
      data-age={level}
      class={`ticket ticket-${status} ${level === 'fresh' ? '' : level}${picked ? ' picked' : ''}`}
      aria-current={picked ? 'true' : undefined}
      // Tapping anywhere on the ticket bumps it (a kitchen hand in a hurry); the button is the keyboard's way.
      onClick={() => onBump(order)}
    >
      <div class="ticket-head">
        {/* The keyboard's shortcut to this ticket; it stays the same while the ticket is on screen. Hidden from
            screen readers, as it always was: the Bump button is their way. */}
        {place === null ? null : (
          <span class="ticket-place" aria-hidden="true">
            {place}
          </span>
        )}
        <span class="ticket-number">{order.number}</span>
        <span class="ticket-status">{status === 'pending' ? t('ticket.new') : t('status.preparing')}</span>
        <TicketTimer clock={clock} startMs={startMs} level={level} />
      </div>
      {order.customerName ? <div class="ticket-customer">{order.customerName}</div> : null}
      {/* Not a nested list: one listitem per ticket in Kitchen tickets. */}
      <div class="ticket-items">
        {order.items.map((item, i) => (
          <div class="ticket-item" key={i}>
            <span class="ticket-qty">{item.qty} ×</span> {item.name}
            {item.options?.length ? (
              <span class="ticket-options"> — {item.options.map((option) => option.name).join(', ')}</span>
            ) : null}
            {item.note ? <span class="ticket-note"> {item.note}</span> : null}
          </div>
        ))}
      </div>
      {order.syncState === 'waiting' ? <span class="sync-flag waiting">{t('order.waitingSync')}</span> : null}
      <button
        type="button"
        class="ticket-bump"
        onClick={(event) => {
          event.stopPropagation();
          onBump(order);
        }}
      >
        {t('ticket.bump', { number: order.number })}
      </button>
    </li>
  );
}
