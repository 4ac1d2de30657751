// Printers and print jobs over OrderStore.database (migration 008): the printers' settings, each printer's
// FIFO of jobs, the per-printer lease that says which server instance drives it, and the order feed's
// cursor. Pure storage: when to send and what to do on failure is server/printing/'s business.

import { randomUUID } from 'node:crypto';
import type {
  PrintJob,
  PrintJobKind,
  PrintJobState,
  PrinterBody,
  PrinterConfig,
  PrinterState,
} from '../../protocol/printers.ts';
import type { PrintDocument } from '../printing/print-document.ts';
import type { SqlClient, SqlDatabase } from './sql-database.ts';

/** NOTIFY channel: a job was queued (PostgreSQL), so the instance driving that printer wakes at once. */
export const PRINT_NOTIFY_CHANNEL = 'orderline_print';

export interface StoredJob extends PrintJob {
  document: PrintDocument;
}

export interface NewJob {
  printerId: string;
  kind: PrintJobKind;
  orderId: string | null;
  document: PrintDocument;
  /** POST …/print's id: the same id again answers the same job. */
  requestId?: string;
  /** The order feed's key (kitchen:<order>:<printer>): an event read twice queues one job. */
  source?: string;
}

export interface PrinterLeaseRow {
  printerId: string;
  holder: string;
  state: PrinterState;
  reason: string | null;
}

export interface QueueCount {
  printerId: string;
  queued: number;
  oldestQueuedAt: string | null;
}

interface PrinterRow {
  id: string;
  name: string;
  host: string;
  port: number;
  columns: number;
  kind: PrinterConfig['kind'];
  categories: string[];
  drawer_kick: boolean;
}

interface JobRow {
  id: string;
  printer_id: string;
  kind: PrintJobKind;
  state: PrintJobState;
  order_id: string | null;
  attempts: number;
  last_error: string | null;
  created_at: string;
  printed_at: string | null;
  document: PrintDocument;
}

const JOB_COLUMNS =
  'id, printer_id, kind, state, order_id, attempts, last_error, created_at, printed_at, document';

function toPrinter(row: PrinterRow): PrinterConfig {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: Number(row.port),
    columns: Number(row.columns) as PrinterConfig['columns'],
    kind: row.kind,
    categories: row.categories,
    drawerKick: row.drawer_kick,
  };
}

function toJob(row: JobRow): StoredJob {
  return {
    id: row.id,
    printer: row.printer_id,
    kind: row.kind,
    state: row.state,
    orderId: row.order_id,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    printedAt: row.printed_at,
    document: row.document,
  };
}

/** A job as the API shows it: without its document. */
export function publicJob(job: StoredJob): PrintJob {
  const { document: _document, ...rest } = job;
  return rest;
}

export interface PrinterStore {
  list(): Promise<PrinterConfig[]>;
  get(id: string): Promise<PrinterConfig | null>;
  put(id: string, body: PrinterBody): Promise<PrinterConfig>;
  /** Removes the printer and cancels its waiting jobs; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Queues a job (in `tx` when given); answers the existing job for a request id or source seen before. */
  enqueue(job: NewJob, tx?: SqlClient): Promise<{ job: StoredJob; fresh: boolean }>;
  /** The printer's next job (queued, or printing when a previous driver died mid-job), oldest first. */
  next(printerId: string): Promise<StoredJob | null>;
  /** Marks a job as being sent and counts the attempt; null when it is no longer waiting (cancelled). */
  startAttempt(id: string): Promise<StoredJob | null>;
  finish(id: string, printedAt: string): Promise<void>;
  /** Back to the queue with the reason (the printer did not take it). */
  requeue(id: string, reason: string): Promise<void>;
  /** Cancels a queued job: 'cancelled', 'not_queued' (printing or finished) or 'not_found'. */
  cancel(id: string): Promise<{ kind: 'cancelled'; job: StoredJob } | { kind: 'not_queued' | 'not_found' }>;
  jobs(filter: { printer?: string; state?: PrintJobState; limit: number }): Promise<StoredJob[]>;
  getJob(id: string): Promise<StoredJob | null>;
  counts(): Promise<QueueCount[]>;
  /** Takes or renews the lease (expired or ours); true when `holder` now drives the printer. */
  lease(printerId: string, holder: string, ttlMs: number): Promise<boolean>;
  setLeaseState(printerId: string, holder: string, state: PrinterState, reason: string | null): Promise<void>;
  releaseLeases(holder: string): Promise<void>;
  leases(): Promise<PrinterLeaseRow[]>;
  readonly database: SqlDatabase;
}

export function createPrinterStore(db: SqlDatabase, now: () => Date = () => new Date()): PrinterStore {
  const store: PrinterStore = {
    database: db,
    async list() {
      const rows = await db.query<PrinterRow>(
        'SELECT id, name, host, port, columns, kind, categories, drawer_kick FROM printers ORDER BY name, id',
      );
      return rows.map(toPrinter);
    },
    async get(id) {
      const rows = await db.query<PrinterRow>(
        'SELECT id, name, host, port, columns, kind, categories, drawer_kick FROM printers WHERE id = $1',
        [id],
      );
      return rows[0] ? toPrinter(rows[0]) : null;
    },
    async put(id, body) {
      await db.query(
        `INSERT INTO printers (id, name, host, port, columns, kind, categories, drawer_kick, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
         ON CONFLICT (id) DO UPDATE SET name = $2, host = $3, port = $4, columns = $5, kind = $6,
           categories = $7::jsonb, drawer_kick = $8, updated_at = $9`,
        [
          id,
          body.name,
          body.host,
          body.port,
          body.columns,
          body.kind,
          JSON.stringify(body.categories),
          body.drawerKick,
          now().toISOString(),
        ],
      );
      return { id, ...body };
    },
    async remove(id) {
      return db.transaction(async (tx) => {
        const removed = await tx.query<{ id: string }>('DELETE FROM printers WHERE id = $1 RETURNING id', [
          id,
        ]);
        if (removed.length === 0) return false;
        await tx.query(
          `UPDATE print_jobs SET state = 'cancelled', last_error = 'printer removed'
           WHERE printer_id = $1 AND state IN ('queued', 'printing')`,
          [id],
        );
        await tx.query('DELETE FROM printer_leases WHERE printer_id = $1', [id]);
        return true;
      });
    },
    async enqueue(job, tx) {
      const run = async (client: SqlClient) => {
        const inserted = await client.query<JobRow>(
          `INSERT INTO print_jobs (id, printer_id, kind, order_id, request_id, source, document, state, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'queued', $8)
           ON CONFLICT DO NOTHING RETURNING ${JOB_COLUMNS}`,
          [
            randomUUID(),
            job.printerId,
            job.kind,
            job.orderId,
            job.requestId ?? null,
            job.source ?? null,
            JSON.stringify(job.document),
            now().toISOString(),
          ],
        );
        if (inserted[0]) {
          if (db.kind === 'postgres')
            await client.query('SELECT pg_notify($1, $2)', [PRINT_NOTIFY_CHANNEL, job.printerId]);
          return { job: toJob(inserted[0]), fresh: true };
        }
        const existing = await client.query<JobRow>(
          `SELECT ${JOB_COLUMNS} FROM print_jobs WHERE request_id = $1 OR source = $2`,
          [job.requestId ?? null, job.source ?? null],
        );
        if (!existing[0]) throw new Error('print job neither inserted nor found');
        return { job: toJob(existing[0]), fresh: false };
      };
      return tx ? run(tx) : db.transaction(run);
    },
    async next(printerId) {
      const rows = await db.query<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM print_jobs WHERE printer_id = $1 AND state IN ('queued', 'printing')
         ORDER BY position LIMIT 1`,
        [printerId],
      );
      return rows[0] ? toJob(rows[0]) : null;
    },
    async startAttempt(id) {
      const rows = await db.query<JobRow>(
        `UPDATE print_jobs SET state = 'printing', attempts = attempts + 1
         WHERE id = $1 AND state IN ('queued', 'printing') RETURNING ${JOB_COLUMNS}`,
        [id],
      );
      return rows[0] ? toJob(rows[0]) : null;
    },
    async finish(id, printedAt) {
      await db.query(
        `UPDATE print_jobs SET state = 'done', printed_at = $2, last_error = NULL WHERE id = $1`,
        [id, printedAt],
      );
    },
    async requeue(id, reason) {
      await db.query(
        `UPDATE print_jobs SET state = 'queued', last_error = $2 WHERE id = $1 AND state IN ('queued', 'printing')`,
        [id, reason],
      );
    },
    async cancel(id) {
      const rows = await db.query<JobRow>(
        `UPDATE print_jobs SET state = 'cancelled' WHERE id = $1 AND state = 'queued' RETURNING ${JOB_COLUMNS}`,
        [id],
      );
      if (rows[0]) return { kind: 'cancelled', job: toJob(rows[0]) };
      const found = await db.query<{ id: string }>('SELECT id FROM print_jobs WHERE id = $1', [id]);
      return { kind: found.length > 0 ? 'not_queued' : 'not_found' };
    },
    async jobs({ printer, state, limit }) {
      const rows = await db.query<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM print_jobs
         WHERE ($1::text IS NULL OR printer_id = $1) AND ($2::text IS NULL OR state = $2)
         ORDER BY position DESC LIMIT $3`,
        [printer ?? null, state ?? null, limit],
      );
      return rows.map(toJob);
    },
    async getJob(id) {
      const rows = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE id = $1`, [id]);
      return rows[0] ? toJob(rows[0]) : null;
    },
    async counts() {
      const rows = await db.query<{ printer_id: string; queued: number | string; oldest: string | null }>(
        `SELECT printer_id, count(*) AS queued, min(created_at) AS oldest FROM print_jobs
         WHERE state IN ('queued', 'printing') GROUP BY printer_id`,
      );
      return rows.map((row) => ({
        printerId: row.printer_id,
        queued: Number(row.queued),
        oldestQueuedAt: row.oldest,
      }));
    },
    async lease(printerId, holder, ttlMs) {
      // The database's clock, so instances with skewed clocks agree on when a lease ran out.
      const rows = await db.query<{ holder: string }>(
        `INSERT INTO printer_leases (printer_id, holder, expires_at, state)
         VALUES ($1, $2, now() + $3 * interval '1 millisecond', 'ok')
         ON CONFLICT (printer_id) DO UPDATE SET holder = $2, expires_at = now() + $3 * interval '1 millisecond'
         WHERE printer_leases.holder = $2 OR printer_leases.expires_at < now()
         RETURNING holder`,
        [printerId, holder, ttlMs],
      );
      return rows[0]?.holder === holder;
    },
    async setLeaseState(printerId, holder, state, reason) {
      await db.query(
        'UPDATE printer_leases SET state = $3, reason = $4 WHERE printer_id = $1 AND holder = $2',
        [printerId, holder, state, reason],
      );
    },
    async releaseLeases(holder) {
      await db.query('DELETE FROM printer_leases WHERE holder = $1', [holder]);
    },
    async leases() {
      const rows = await db.query<{
        printer_id: string;
        holder: string;
        state: PrinterState;
        reason: string | null;
      }>('SELECT printer_id, holder, state, reason FROM printer_leases WHERE expires_at >= now()');
      return rows.map((row) => ({
        printerId: row.printer_id,
        holder: row.holder,
        state: row.state,
        reason: row.reason,
      }));
    },
  };
  return store;
}
