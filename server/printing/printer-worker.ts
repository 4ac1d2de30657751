// One printer's FIFO worker: takes the oldest waiting job, sends it, marks it done once the printer took the
// last byte, and otherwise keeps it queued and waits (1 s doubling to 30 s, cut short when the printer
// answers again). Runs only while this instance holds the printer's lease (print-queue.ts); one worker never
// waits on another printer.

import type { Codepage } from '@point-of-sale/codepage-encoder';
import { shortJobId, type PrinterState } from '../../protocol/printers.ts';
import type { PrinterStore, StoredJob } from '../store/printer-store.ts';
import { encodeDocument } from './escpos-encode.ts';
import { nextPrintRetryMs } from './print-backoff.ts';
import type { PrintDocument } from './print-document.ts';
import { probePrinter, sendToPrinter, type ConnectionTimeouts } from './printer-connection.ts';

export interface WorkerStatus {
  state: PrinterState;
  reason: string | null;
}

export interface PrinterWorkerOptions {
  printerId: string;
  store: PrinterStore;
  timeouts: ConnectionTimeouts;
  codepage: () => Promise<Codepage>;
  onStatus: (status: WorkerStatus) => void;
  /** A job finished (done) or went back to the queue: the queue's length changed. */
  onQueueChange: () => void;
  retryFirstMs?: number;
  retryMaxMs?: number;
  onError: (error: unknown) => void;
}

export interface PrinterWorker {
  /** A job may be waiting: look now instead of at the next poll. */
  wake(): void;
  stop(): Promise<void>;
  readonly status: WorkerStatus;
}

/** Without a nudge the worker still looks this often (jobs queued by another instance without NOTIFY). */
const IDLE_POLL_MS = 1000;
const PROBE_EVERY_MS = 1000;

/** The job as it goes on paper: its short id last, and `REPRINT` when an earlier attempt may have printed. */
export function jobDocument(job: StoredJob): PrintDocument {
  const mark = job.attempts > 1 ? ` REPRINT` : '';
  return {
    ...job.document,
    lines: [
      ...job.document.lines,
      { feed: 1 },
      { text: `job ${shortJobId(job.id)}${mark}`, align: 'center' },
    ],
  };
}

export function startPrinterWorker(options: PrinterWorkerOptions): PrinterWorker {
  let running = true;
  let status: WorkerStatus = { state: 'ok', reason: null };
  let knownToAnswer = false;
  let failures = 0;
  let nudge: (() => void) | null = null;
  let woken = false;

  function setStatus(next: WorkerStatus): void {
    if (next.state === status.state && next.reason === status.reason) return;
    status = next;
    options.onStatus(next);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (woken || !running) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        nudge = null;
        woken = false;
        resolve();
      }
      nudge = done;
    });
  }

  /** Waits out the backoff, probing each second: back as soon as the printer answers again. */
  async function backoff(): Promise<void> {
    const until = Date.now() + nextPrintRetryMs(failures, options.retryFirstMs, options.retryMaxMs);
    while (running && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(PROBE_EVERY_MS, until - Date.now())));
      if (!running) return;
      const printer = await options.store.get(options.printerId);
      if (!printer) return;
      if ((await probePrinter(printer, options.timeouts, knownToAnswer)) === 'ok') return;
    }
  }

  async function printOne(job: StoredJob): Promise<void> {
    const printer = await options.store.get(options.printerId);
    if (!printer) return;
    const codepage = await options.codepage();
    // The attempt is counted only once bytes go out, so REPRINT marks a job that may really have printed.
    const prepare = async () => {
      const attempt = await options.store.startAttempt(job.id);
      return attempt ? encodeDocument(jobDocument(attempt), codepage) : null;
    };
    const outcome = await sendToPrinter(printer, prepare, options.timeouts, knownToAnswer);
    switch (outcome.kind) {
      case 'skipped':
        return;
      case 'printed':
        knownToAnswer = outcome.answersStatus;
        failures = 0;
        await options.store.finish(job.id, new Date().toISOString());
        setStatus(
          outcome.paperAfter === 'paper_out'
            ? { state: 'paper_out', reason: `${printer.name} is out of paper` }
            : { state: 'ok', reason: null },
        );
        options.onQueueChange();
        return;
      case 'paper_out':
        knownToAnswer = true;
        failures += 1;
        await options.store.requeue(job.id, 'paper out');
        setStatus({
          state: 'paper_out',
          reason: `${printer.name} is out of paper: jobs wait until it is refilled`,
        });
        options.onQueueChange();
        await backoff();
        return;
      case 'failed':
        knownToAnswer = outcome.answersStatus;
        failures += 1;
        await options.store.requeue(job.id, outcome.reason);
        setStatus({ state: 'offline', reason: outcome.reason });
        options.onQueueChange();
        await backoff();
        return;
    }
  }

  const loop = (async () => {
    while (running) {
      try {
        const job = await options.store.next(options.printerId);
        if (!job) {
          await sleep(IDLE_POLL_MS);
          continue;
        }
        await printOne(job);
      } catch (error) {
        // The database failed (or went away during shutdown): report, wait, try again.
        if (!running) return;
        options.onError(error);
        await sleep(IDLE_POLL_MS);
      }
    }
  })();

  return {
    wake() {
      woken = true;
      nudge?.();
    },
    async stop() {
      running = false;
      nudge?.();
      await loop;
    },
    get status() {
      return status;
    },
  };
}
