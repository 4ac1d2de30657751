// SSE events (orders, reset, menu, settings, heartbeat), each serialised and encoded once and then written to any number of
// streams.

import type { PushEventData } from '../protocol/api.ts';
import type { Order } from '../protocol/order.ts';
import type { Role } from '../protocol/roles.ts';
import type { ShopSettings } from '../protocol/settings.ts';
import { ordersForRole } from './display-view.ts';

export interface SseEvent {
  /** The wire form, ready for raw.write. */
  bytes: Buffer;
}

export function ordersEvent(data: PushEventData): SseEvent {
  return { bytes: Buffer.from(`id: ${data.cursor}\nevent: orders\ndata: ${JSON.stringify(data)}\n\n`) };
}

/**
 * The stream's cursor needs a reset (0, below the retention floor, or ahead of the server: DESIGN Part 3): nothing
 * is replayed, `orders` events continue from `cursor`, and the client pulls the paged snapshot. No `id`: a
 * reconnect must not claim to hold the snapshot it has not pulled yet.
 */
export function resetEvent(cursor: number): SseEvent {
  return { bytes: Buffer.from(`event: reset\ndata: ${JSON.stringify({ cursor })}\n\n`) };
}

/** A new menu version (principle 15). No `id`: the stream's Last-Event-ID stays the orders cursor. */
export function menuEvent(version: number): SseEvent {
  return { bytes: Buffer.from(`event: menu\ndata: ${JSON.stringify({ version })}\n\n`) };
}

/**
 * The shop's settings as saved. Unlike the menu the data is the settings themselves: a few hundred bytes cost
 * less than a nudge and a fetch, and a device shows them without another round trip. No `id`, as for menu.
 */
export function settingsEvent(settings: ShopSettings): SseEvent {
  return { bytes: Buffer.from(`event: settings\ndata: ${JSON.stringify(settings)}\n\n`) };
}

export const HEARTBEAT_EVENT: SseEvent = { bytes: Buffer.from('event: heartbeat\ndata: {}\n\n') };

/**
 * A committed batch as the hub fans it out: the full event is built on first use, then shared; displays get
 * their own shared copy (server/display-view.ts).
 */
export class LiveBatch {
  readonly minSeq: number;
  readonly maxSeq: number;
  #event: SseEvent | null = null;
  #displayEvent: SseEvent | null = null;

  constructor(readonly orders: readonly Order[]) {
    this.minSeq = Math.min(...orders.map((order) => order.seq));
    this.maxSeq = Math.max(...orders.map((order) => order.seq));
  }

  /** The event for a client at `cursor`: the shared one, or (rarely, just after a replay) a filtered one. */
  eventFor(cursor: number, role?: Role): { event: SseEvent; cursor: number } | null {
    if (cursor >= this.maxSeq) return null;
    if (cursor < this.minSeq) {
      if (role === 'display') {
        this.#displayEvent ??= ordersEvent({ cursor: this.maxSeq, orders: ordersForRole(this.orders, role) });
        return { event: this.#displayEvent, cursor: this.maxSeq };
      }
      this.#event ??= ordersEvent({ cursor: this.maxSeq, orders: [...this.orders] });
      return { event: this.#event, cursor: this.maxSeq };
    }
    const fresh = this.orders.filter((order) => order.seq > cursor);
    const next = Math.max(...fresh.map((order) => order.seq));
    return { event: ordersEvent({ cursor: next, orders: ordersForRole(fresh, role) }), cursor: next };
  }
}
