// Printers and print jobs as the API, the SSE `printers` event and the Printers screen see them (DESIGN.md
// Part 3, principle 23). Pure types and guards: no DOM, no Node; the server's valibot schema is printer-schema.ts.

export const PRINTER_KINDS = ['receipt', 'kitchen'] as const;
export type PrinterKind = (typeof PRINTER_KINDS)[number];

export const PRINTER_COLUMNS = [32, 42, 48] as const;
export type PrinterColumns = (typeof PRINTER_COLUMNS)[number];

/** `offline`: no connection or a timeout; `paper_out`: the printer said so before a job. */
export const PRINTER_STATES = ['ok', 'offline', 'paper_out'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

export const PRINT_JOB_KINDS = ['kitchen', 'cancelled', 'receipt', 'test'] as const;
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number];

export const PRINT_JOB_STATES = ['queued', 'printing', 'done', 'failed', 'cancelled'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

/** The body of PUT /api/printers/:id. */
export interface PrinterBody {
  name: string;
  host: string;
  port: number;
  columns: PrinterColumns;
  kind: PrinterKind;
  /** Kitchen printers: the categories whose lines they print; empty = every category. */
  categories: string[];
  /** Receipt printers: open the cash drawer (ESC p) on the receipt of a cash payment. */
  drawerKick: boolean;
}

export interface PrinterConfig extends PrinterBody {
  id: string;
}

/** What the printer is doing now, as GET /api/printers and `event: printers` carry it. */
export interface PrinterStatus {
  state: PrinterState;
  /** Jobs queued or printing. */
  queued: number;
  /** ISO time of the oldest job still waiting, or null. */
  oldestQueuedAt: string | null;
  /** The last failure in words ("no answer at 10.0.0.5:9100 within 3 s"), or null while ok. */
  reason: string | null;
}

export type Printer = PrinterConfig & PrinterStatus;

export interface PrintersResponse {
  printers: Printer[];
}

export interface PrintJob {
  id: string;
  printer: string;
  kind: PrintJobKind;
  state: PrintJobState;
  orderId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  printedAt: string | null;
}

/** `data` of an SSE `printers` event: every printer's state, queue and oldest waiting job. */
export interface PrintersEventData {
  printers: Array<{ id: string; name: string } & PrinterStatus>;
}

/** A job waiting longer than this is an alert on the Kitchen screen and the counter. */
export const PRINT_JOB_LATE_MS = 30_000;

/** The last 8 hex digits of a job id: printed on every job, so a duplicate after a crash is visible. */
export function shortJobId(id: string): string {
  return id.replace(/-/g, '').slice(-8).toUpperCase();
}

function isStatusEntry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.name === 'string' &&
    (PRINTER_STATES as readonly unknown[]).includes(entry.state) &&
    typeof entry.queued === 'number' &&
    (entry.oldestQueuedAt === null || typeof entry.oldestQueuedAt === 'string') &&
    (entry.reason === null || typeof entry.reason === 'string')
  );
}

/** Narrows an SSE `printers` payload; anything else is ignored by the page. */
export function isPrintersEventData(value: unknown): value is PrintersEventData {
  if (typeof value !== 'object' || value === null) return false;
  const printers = (value as Record<string, unknown>).printers;
  return Array.isArray(printers) && printers.every(isStatusEntry);
}
