// The print feed: reads order_events after its cursor and queues a kitchen ticket for each created order and
// a CANCELLED slip for each cancelled one, on every kitchen printer whose categories meet the order's lines.
// Reading the committed feed (not hooking the create) means a replay, which writes no event, queues nothing,
// and a crash between an order's commit and its ticket loses nothing: the cursor moves in the transaction
// that queues the jobs, and each job's `source` key makes a second read queue nothing.

import type { Order } from '../../protocol/order.ts';
import type { PrinterConfig } from '../../protocol/printers.ts';
import type { MenuStore } from '../store/menu-store.ts';
import type { OrderStore } from '../store/order-store.ts';
import type { PrinterStore } from '../store/printer-store.ts';
import { shopWords } from '../shop-words.ts';
import { cancelledSlip, kitchenTicket, type CategoryOf } from './kitchen-ticket.ts';

const PAGE = 500;

interface EventRow {
  seq: number | string;
  order_id: string;
  kind: string;
  status: string;
}

export interface OrderFeedDeps {
  printers: PrinterStore;
  orders: OrderStore;
  menu: MenuStore;
  timeZone: () => Promise<string | undefined>;
  /** The shop's `locale` setting: tickets are worded in it. */
  locale: () => Promise<string | undefined>;
}

async function categoriesAt(menu: MenuStore, order: Order): Promise<CategoryOf> {
  const snapshot =
    (order.menuVersion !== undefined ? await menu.atVersion(order.menuVersion) : null) ??
    (await menu.current());
  const byId = new Map(snapshot.items.map((item) => [item.id, item.category]));
  return (id) => byId.get(id);
}

/** What one event prints: a ticket on create, a slip on cancel, nothing otherwise. */
function printable(event: EventRow): 'kitchen' | 'cancelled' | null {
  if (event.kind === 'created') return 'kitchen';
  if ((event.kind === 'status' || event.kind === 'status_paid') && event.status === 'cancelled')
    return 'cancelled';
  return null;
}

/** Reads the feed to its end; answers the printers that got new jobs. */
export async function pumpOrderFeed(deps: OrderFeedDeps): Promise<Set<string>> {
  const db = deps.printers.database;
  const woken = new Set<string>();
  for (;;) {
    const cursorRows = await db.query<{ seq: number | string }>('SELECT seq FROM print_feed WHERE id = 1');
    const cursor = Number(cursorRows[0]?.seq ?? 0);
    const events = await db.query<EventRow>(
      'SELECT seq, order_id, kind, status FROM order_events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [cursor, PAGE],
    );
    if (events.length === 0) return woken;
    const kitchens: PrinterConfig[] = (await deps.printers.list()).filter(
      (printer) => printer.kind === 'kitchen',
    );
    const jobs: Array<{
      printer: PrinterConfig;
      kind: 'kitchen' | 'cancelled';
      order: Order;
      document: NonNullable<ReturnType<typeof kitchenTicket>>;
    }> = [];
    if (kitchens.length > 0) {
      const [timeZone, locale] = await Promise.all([deps.timeZone(), deps.locale()]);
      const words = shopWords(locale);
      for (const event of events) {
        const kind = printable(event);
        if (!kind) continue;
        const order = await deps.orders.get(event.order_id);
        if (!order) continue;
        const categoryOf = await categoriesAt(deps.menu, order);
        for (const printer of kitchens) {
          const document = (kind === 'kitchen' ? kitchenTicket : cancelledSlip)(
            order,
            printer,
            categoryOf,
            timeZone,
            words,
          );
          if (document) jobs.push({ printer, kind, order, document });
        }
      }
    }
    const last = Number(events.at(-1)?.seq);
    const moved = await db.transaction(async (tx) => {
      // Another instance may read the same page: whoever locks the cursor first queues; the other stops.
      const locked = await tx.query<{ seq: number | string }>(
        'SELECT seq FROM print_feed WHERE id = 1 FOR UPDATE',
      );
      if (Number(locked[0]?.seq ?? 0) !== cursor) return false;
      for (const job of jobs) {
        await deps.printers.enqueue(
          {
            printerId: job.printer.id,
            kind: job.kind,
            orderId: job.order.id,
            document: job.document,
            source: `${job.kind}:${job.order.id}:${job.printer.id}`,
          },
          tx,
        );
      }
      await tx.query('UPDATE print_feed SET seq = $1 WHERE id = 1', [last]);
      return true;
    });
    if (!moved) return woken;
    for (const job of jobs) woken.add(job.printer.id);
  }
}
