// The printing room's front door: drives a worker for each printer this instance holds the lease of, feeds
// kitchen tickets from the order feed, answers every printer's state, and pushes `event: printers` when it
// changes. With several instances on PostgreSQL each printer has one driver; a dead driver's lease runs out
// and another instance takes the printer over (lease TTL 6 s, renewed every 2 s: takeover within ~8 s).

import { randomUUID } from 'node:crypto';
import type { Codepage } from '@point-of-sale/codepage-encoder';
import type { Printer, PrintersEventData } from '../../protocol/printers.ts';
import type { MenuStore } from '../store/menu-store.ts';
import type { OrderStore } from '../store/order-store.ts';
import { PRINT_NOTIFY_CHANNEL, type PrinterStore } from '../store/printer-store.ts';
import { chooseCodepage } from './codepage-choice.ts';
import { pumpOrderFeed } from './order-feed.ts';
import { DEFAULT_TIMEOUTS, type ConnectionTimeouts } from './printer-connection.ts';
import { printersEventData } from './printers-event.ts';
import { startPrinterWorker, type PrinterWorker } from './printer-worker.ts';

export interface PrintQueueTuning {
  timeouts?: Partial<ConnectionTimeouts>;
  leaseTtlMs?: number;
  leaseRenewMs?: number;
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** This instance's name in the lease table (tests name two instances). */
  instanceId?: string;
}

export interface PrintQueueOptions extends PrintQueueTuning {
  printers: PrinterStore;
  orders: OrderStore;
  menu: MenuStore;
  /** The shop's settings as a plain object: `locale` and `timeZone` are read when present. */
  settings: () => Promise<object>;
  publish: (data: PrintersEventData) => void;
  onError: (error: unknown, context: string) => void;
}

export interface PrintQueue {
  readonly instanceId: string;
  /** Every printer with its state, queue length and oldest waiting job. */
  printers(): Promise<Printer[]>;
  /** A job was queued for this printer (or its settings changed): act now, not at the next tick. */
  wake(printerId: string): void;
  /** Re-reads printers and leases at once (after a PUT or DELETE). */
  refresh(): Promise<void>;
  codepage(): Promise<Codepage>;
  stop(): Promise<void>;
}

function text(record: object, key: string): string | undefined {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function startPrintQueue(options: PrintQueueOptions): PrintQueue {
  const instanceId = options.instanceId ?? randomUUID();
  const timeouts: ConnectionTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const leaseTtlMs = options.leaseTtlMs ?? 6000;
  const leaseRenewMs = options.leaseRenewMs ?? 2000;
  const workers = new Map<string, PrinterWorker>();
  let stopped = false;
  let lastPublished = '';
  let feedRunning: Promise<void> | null = null;
  let feedAgain = false;
  let kitchenPrinters = 0;

  async function readCodepage(): Promise<Codepage> {
    const [menu, settings] = await Promise.all([options.menu.current(), options.settings()]);
    return chooseCodepage(menu.currency, text(settings, 'locale') ?? 'en');
  }
  // Re-read on every tick (a currency or locale change reaches the printers within one), not per job: a
  // kitchen ticket's budget is 250 ms end to end.
  let cachedCodepage: Promise<Codepage> | null = null;
  function codepage(): Promise<Codepage> {
    cachedCodepage ??= readCodepage().catch((error: unknown) => {
      cachedCodepage = null;
      throw error;
    });
    return cachedCodepage;
  }

  async function printers(): Promise<Printer[]> {
    const [configs, leases, counts] = await Promise.all([
      options.printers.list(),
      options.printers.leases(),
      options.printers.counts(),
    ]);
    return configs.map((config) => {
      const local = workers.get(config.id)?.status;
      const lease = leases.find((row) => row.printerId === config.id);
      const count = counts.find((row) => row.printerId === config.id);
      return {
        ...config,
        state: local?.state ?? lease?.state ?? 'ok',
        reason: local ? local.reason : (lease?.reason ?? null),
        queued: count?.queued ?? 0,
        oldestQueuedAt: count?.oldestQueuedAt ?? null,
      };
    });
  }

  async function publishIfChanged(): Promise<void> {
    const data = printersEventData(await printers());
    const serialised = JSON.stringify(data);
    if (serialised === lastPublished) return;
    lastPublished = serialised;
    options.publish(data);
  }

  function report(context: string) {
    return (error: unknown) => {
      if (!stopped) options.onError(error, context);
    };
  }

  function publishSoon(): void {
    publishIfChanged().catch(report('could not publish the printers state'));
  }

  function startWorker(printerId: string): PrinterWorker {
    const worker = startPrinterWorker({
      printerId,
      store: options.printers,
      timeouts,
      codepage,
      retryFirstMs: options.retryFirstMs,
      retryMaxMs: options.retryMaxMs,
      onStatus(status) {
        options.printers
          .setLeaseState(printerId, instanceId, status.state, status.reason)
          .catch(report('could not record a printer state'));
        publishSoon();
      },
      onQueueChange: publishSoon,
      onError: report(`printer ${printerId}: worker failed`),
    });
    workers.set(printerId, worker);
    return worker;
  }

  async function tick(): Promise<void> {
    const configs = await options.printers.list();
    kitchenPrinters = configs.filter((config) => config.kind === 'kitchen').length;
    cachedCodepage = readCodepage();
    await cachedCodepage;
    const ids = new Set(configs.map((config) => config.id));
    for (const [id, worker] of workers) {
      if (ids.has(id)) continue;
      workers.delete(id);
      await worker.stop();
    }
    for (const config of configs) {
      if (stopped) return;
      const held = await options.printers.lease(config.id, instanceId, leaseTtlMs);
      const worker = workers.get(config.id);
      if (held && !worker) startWorker(config.id);
      if (!held && worker) {
        // Another instance took over (our renewals were late): stop before it prints the same job.
        workers.delete(config.id);
        await worker.stop();
      }
    }
    pumpFeed();
    await publishIfChanged();
  }

  /** Runs the order feed; a call while it runs makes it run once more after. */
  function pumpFeed(): void {
    if (feedRunning) {
      feedAgain = true;
      return;
    }
    feedRunning = (async () => {
      do {
        feedAgain = false;
        const woken = await pumpOrderFeed({
          printers: options.printers,
          orders: options.orders,
          menu: options.menu,
          timeZone: async () => text(await options.settings(), 'timeZone'),
          locale: async () => text(await options.settings(), 'locale'),
        });
        for (const id of woken) workers.get(id)?.wake();
        if (woken.size > 0) publishSoon();
      } while (feedAgain && !stopped);
    })()
      .catch(report('could not read the order feed for kitchen tickets'))
      .finally(() => {
        feedRunning = null;
      });
  }

  let ticking: Promise<void> = Promise.resolve();
  const runTick = () => {
    ticking = ticking.then(() => (stopped ? undefined : tick())).catch(report('printer lease tick failed'));
    return ticking;
  };
  const timer = setInterval(runTick, leaseRenewMs);
  timer.unref();
  void runTick();

  // Without a kitchen printer nothing is queued per order: the tick moves the feed's cursor along instead,
  // so a shop without printers pays nothing per create.
  const unsubscribe = options.orders.subscribe(() => {
    if (kitchenPrinters > 0) pumpFeed();
  });
  const db = options.printers.database;
  if (db.listen) {
    db.listen(PRINT_NOTIFY_CHANNEL, (printerId) => {
      const worker = workers.get(printerId);
      if (worker) worker.wake();
      publishSoon();
    }).catch(report('could not listen for print jobs'));
  }

  return {
    instanceId,
    printers,
    codepage,
    wake(printerId) {
      workers.get(printerId)?.wake();
      publishSoon();
    },
    refresh: () => runTick(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await ticking;
      await feedRunning;
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      workers.clear();
      // A graceful stop hands the printers over at once instead of after the lease runs out.
      await options.printers.releaseLeases(instanceId).catch(() => undefined);
    },
  };
}
