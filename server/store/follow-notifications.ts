// PostgreSQL fan-out across instances: every committed write NOTIFYs its seq; each instance LISTENs,
// reads the changes feed from the last seq it published, and publishes what it finds, in order.

import type { Order } from '../../protocol/order.ts';
import { CHANGES_MAX_LIMIT } from '../../protocol/api.ts';
import type { ChangesPage } from './order-store.ts';
import type { SqlDatabase } from './sql-database.ts';

export const NOTIFY_CHANNEL = 'orderline_changes';

export async function followNotifications(
  db: SqlDatabase,
  readHead: () => Promise<number>,
  readChanges: (since: number, limit: number) => Promise<ChangesPage>,
  publish: (orders: Order[]) => void,
  onError: (error: unknown) => void,
): Promise<void> {
  if (!db.listen) throw new Error(`${db.kind} has no LISTEN/NOTIFY`);
  let published = 0;
  // Starts true so notifications arriving before the head is read only mark `again`.
  let running = true;
  let again = false;

  // Notifications arrive in bursts; one catch-up at a time, re-run once if more arrived meanwhile.
  async function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        let page: ChangesPage;
        do {
          page = await readChanges(published, CHANGES_MAX_LIMIT);
          if (page.reset) {
            published = page.cursor;
            break;
          }
          published = page.cursor;
          publish(page.orders);
        } while (page.more);
      } while (again);
    } finally {
      running = false;
    }
  }

  // LISTEN before reading the head, so every commit after the head is notified to us; commits at or
  // below it predate this instance's clients, which replay them from the changes feed themselves.
  await db.listen(NOTIFY_CHANNEL, () => {
    catchUp().catch(onError);
  });
  published = await readHead();
  running = false;
  if (again) catchUp().catch(onError);
}
