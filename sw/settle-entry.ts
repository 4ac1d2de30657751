// Records the server's acknowledgement of one outbox entry inside the answer's transaction: an order intent's
// order becomes the base (sw/apply-orders.ts); a drawer answer becomes the drawer's base, a close's report the
// last report; an answered cash payment or refund moves into the drawer's base as it leaves the outbox.

import type { Order } from '../protocol/order.ts';
import type { OutboxEntry, WriteTx } from './db.ts';
import { settleMutation } from './apply-orders.ts';
import { applyToDrawer, cashDelta, putDrawerRecord, readDrawerRecord } from './drawer-view.ts';
import type { OrderChange } from './merge.ts';
import { deleteOutboxEntry } from './outbox-store.ts';
import type { EntryAnswer } from './outbox-requests.ts';

export interface Settled {
  change: OrderChange | null;
  /** This device's drawer view changed (the engine broadcasts it). */
  drawerChanged: boolean;
}

export async function settleEntry(
  tx: WriteTx,
  entry: OutboxEntry & { seq: number },
  answer: EntryAnswer,
): Promise<Settled> {
  const payload = entry.payload;
  switch (payload.kind) {
    case 'drawer-open':
    case 'drawer-move': {
      // Every earlier entry of this device was answered before this one went (a drawer entry is a barrier),
      // so the server's drawer already holds all the cash this device took: it replaces the local base.
      const [, record] = await Promise.all([deleteOutboxEntry(tx, entry.seq), readDrawerRecord(tx)]);
      if ('drawer' in answer) await putDrawerRecord(tx, { ...record, base: answer.drawer });
      return { change: null, drawerChanged: true };
    }
    case 'drawer-close': {
      await deleteOutboxEntry(tx, entry.seq);
      if ('report' in answer) await putDrawerRecord(tx, { base: null, lastReport: answer.report });
      return { change: null, drawerChanged: true };
    }
    default: {
      const change = await settleMutation(tx, entry.seq, answer as Order);
      if (cashDelta(payload) === 0) return { change, drawerChanged: false };
      // The server counted this cash in the open drawer (or opened one at float 0): so does the base now.
      const record = await readDrawerRecord(tx);
      await putDrawerRecord(tx, { ...record, base: applyToDrawer(record.base, payload) });
      return { change, drawerChanged: true };
    }
  }
}
