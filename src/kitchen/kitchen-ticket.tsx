// One kitchen ticket: number, customer, every item with quantity and notes in large type, a live timer,
// and its `Bump <number>` button. Warning and late are a class and words, so screen readers hear them too.
import { Component } from 'preact';
import type { ClientOrder } from '../../protocol/order.ts';
import { ageLevel, ageMs, formatTimer, type AgeLevel, type AgeThresholds } from './kitchen-tickets.ts';

export interface KitchenTicketProps {
  order: ClientOrder;
  place: number;
  picked: boolean;
  now: number;
  thresholds: AgeThresholds;
  onBump: (order: ClientOrder) => void;
}

const LEVEL_WORD: Record<AgeLevel, string> = { fresh: '', warning: 'Warning', late: 'Late' };

/** Renders one ticket; a bump re-renders only the tickets whose props changed, not all 200 on screen. */
export class KitchenTicket extends Component<KitchenTicketProps> {
  override shouldComponentUpdate(next: KitchenTicketProps): boolean {
    const prev = this.props;
    return (
      next.order !== prev.order ||
      next.place !== prev.place ||
      next.picked !== prev.picked ||
      next.thresholds !== prev.thresholds ||
      next.onBump !== prev.onBump ||
      // The timer shows whole seconds.
      Math.floor(next.now / 1000) !== Math.floor(prev.now / 1000)
    );
  }

  override render() {
    return <TicketView {...this.props} />;
  }
}

function TicketView({ order, place, picked, now, thresholds, onBump }: KitchenTicketProps) {
  const age = ageMs(order, now);
  const level = ageLevel(age, thresholds);
  const status = order.status === 'pending' ? 'New' : 'Preparing';
  return (
    <li
      data-order-id={order.id}
      data-age={level}
      class={`ticket ticket-${order.status} ${level === 'fresh' ? '' : level}${picked ? ' picked' : ''}`}
      aria-current={picked ? 'true' : undefined}
      // Tapping anywhere on the ticket bumps it (a kitchen hand in a hurry); the button is the keyboard's way.
      onClick={() => onBump(order)}
    >
      <div class="ticket-head">
        <span class="ticket-place" aria-hidden="true">
          {place}
        </span>
        <span class="ticket-number">{order.number}</span>
        <span class="ticket-status">{status}</span>
        <span class="ticket-timer">
          <span class="visually-hidden">waiting </span>
          {formatTimer(age)}
          {level === 'fresh' ? null : <span class="ticket-level"> {LEVEL_WORD[level]}</span>}
        </span>
      </div>
      {order.customerName ? <div class="ticket-customer">{order.customerName}</div> : null}
      {/* Not a nested list: one listitem per ticket in Kitchen tickets. */}
      <div class="ticket-items">
        {order.items.map((item, i) => (
          <div class="ticket-item" key={i}>
            <span class="ticket-qty">{item.qty} ×</span> {item.name}
            {item.note ? <span class="ticket-note"> {item.note}</span> : null}
          </div>
        ))}
      </div>
      {order.syncState === 'waiting' ? <span class="sync-flag waiting">Waiting to sync</span> : null}
      <button
        type="button"
        class="ticket-bump"
        onClick={(event) => {
          event.stopPropagation();
          onBump(order);
        }}
      >
        Bump {order.number}
      </button>
    </li>
  );
}
