// Finished orders the device keeps after they leave the active list: a bounded, age-limited set (the seed's
// LRU/TTL), so a counter can still look up an order it just completed while the server is out of reach.
// Everything older or beyond the count is deleted; the server keeps the full history.

import { compareNewestFirst, type ClientOrder } from '../protocol/order.ts';
import type { AnyTx, WriteTx } from './db.ts';
import { baseOf } from './order-record.ts';
import { outboxForOrder } from './outbox-store.ts';

/** The bounds, in one place: at most this many finished orders, none finished longer ago than this. */
export const RECENT_FINISHED = {
  maxOrders: 100,
  maxAgeMs: 12 * 60 * 60 * 1000,
} as const;

/** When an order was finished, as far as this device knows (the last change of its view). */
function finishedAtMs(view: ClientOrder): number {
  const at = Date.parse(view.updatedAt);
  return Number.isNaN(at) ? 0 : at;
}

/**
 * Deletes finished orders beyond the bounds. Only those the cursor has passed and with nothing pending: a
 * later push can then no longer revive them (apply-orders skips unknown orders at or below the cursor), and
 * a queued change is never left without its order.
 */
export async function trimRecentFinished(tx: WriteTx, cursor: number, nowMs: number): Promise<number> {
  const orders = tx.objectStore('orders');
  const finished = await orders.index('by-active').getAll(0);
  if (finished.length === 0) return 0;
  const oldestKept = nowMs - RECENT_FINISHED.maxAgeMs;
  // Newest first: the first maxOrders young enough stay.
  finished.sort((a, b) => finishedAtMs(b.view) - finishedAtMs(a.view));
  let kept = 0;
  let deleted = 0;
  for (const record of finished) {
    const young = finishedAtMs(record.view) >= oldestKept;
    if (young && kept < RECENT_FINISHED.maxOrders) {
      kept += 1;
      continue;
    }
    const base = baseOf(record);
    if (base === null || base.seq > cursor) continue;
    const pending = await outboxForOrder(tx, record.id);
    if (pending.length > 0) continue;
    await orders.delete(record.id);
    deleted += 1;
  }
  return deleted;
}

/** The finished orders this device still holds, newest first (for the History screen when offline). */
export async function readRecentFinished(tx: AnyTx, nowMs: number): Promise<ClientOrder[]> {
  const records = await tx.objectStore('orders').index('by-active').getAll(0);
  const oldestShown = nowMs - RECENT_FINISHED.maxAgeMs;
  return records
    .map((record) => record.view)
    .filter((view) => finishedAtMs(view) >= oldestShown)
    .sort(compareNewestFirst)
    .slice(0, RECENT_FINISHED.maxOrders);
}
