// Wires the printing room into the app: the printer store, the print queue (workers, leases, order feed),
// the printer, print-job and receipt routes, and `event: printers` on the SSE hub. app.ts calls this once.

import type { FastifyInstance } from 'fastify';
import type { SseHub } from '../events.ts';
import { printJobRoutes } from '../routes/print-job-routes.ts';
import { printerRoutes } from '../routes/printer-routes.ts';
import { receiptRoutes } from '../routes/receipt-routes.ts';
import type { MenuStore } from '../store/menu-store.ts';
import type { OrderStore } from '../store/order-store.ts';
import { createPrinterStore } from '../store/printer-store.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import { startPrintQueue, type PrintQueue, type PrintQueueTuning } from './print-queue.ts';
import { printersEventBytes, printersEventData } from './printers-event.ts';

export type { PrintQueueTuning };

export interface PrintingRoom {
  queue: PrintQueue | null;
  /** The current `event: printers`, for a stream that just (re)connected. */
  greeting(): Promise<Buffer>;
}

export interface InstallPrintingOptions {
  store: OrderStore;
  menu: MenuStore;
  hub: SseHub;
  settings: SettingsStore;
  tuning: PrintQueueTuning | false | undefined;
}

export async function installPrinting(
  app: FastifyInstance,
  options: InstallPrintingOptions,
): Promise<PrintingRoom> {
  const printers = createPrinterStore(options.store.database);
  const settings = async (): Promise<object> => options.settings.current();
  const queue = startPrintQueue({
    ...(options.tuning || {}),
    printers,
    orders: options.store,
    menu: options.menu,
    settings,
    publish: (data) => options.hub.broadcast(printersEventBytes(data)),
    onError: (error, context) => app.log.error({ err: error }, context),
  });
  if (options.tuning === false) await queue.stop();
  // Before the store closes: a worker mid-job must not find its database gone.
  app.addHook('preClose', async () => queue.stop());
  const locale = async () => (await options.settings.current()).locale;
  await app.register(printerRoutes, { printers, queue, locale });
  await app.register(printJobRoutes, { printers, queue });
  await app.register(receiptRoutes, { store: options.store, menu: options.menu, printers, queue, settings });
  return {
    queue,
    greeting: async () => printersEventBytes(printersEventData(await queue.printers())),
  };
}
