// One raw TCP conversation with a network printer (port 9100): connect (with a timeout), ask the paper
// status, send the job, and learn that the printer took the last byte. Every failure comes back as words an
// owner can act on; nothing here retries (printer-worker.ts decides that).

import { Socket } from 'node:net';
import { PAPER_STATUS_REQUEST, readPaperStatus, type PaperStatus } from './paper-status.ts';

export interface PrinterTarget {
  host: string;
  port: number;
}

export interface ConnectionTimeouts {
  connectMs: number;
  /** How long the paper status may take before "no answer = fine". */
  statusMs: number;
  /** How long the printer may take to read the job (and confirm it, when it answers status). */
  writeMs: number;
}

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = { connectMs: 3000, statusMs: 500, writeMs: 10_000 };

export type SendOutcome =
  | { kind: 'printed'; answersStatus: boolean; paperAfter: PaperStatus | null }
  | { kind: 'paper_out' }
  | { kind: 'skipped' }
  | { kind: 'failed'; reason: string; answersStatus: boolean };

/** An open socket with its received bytes queued, so each status question gets the next answer. */
class Conversation {
  readonly #socket: Socket;
  readonly #answers: number[] = [];
  #waiter: (() => void) | null = null;
  #closed = false;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) this.#answers.push(byte);
      this.#waiter?.();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#waiter?.();
    });
  }

  /** The next byte the printer sends within `ms`, or null. */
  answer(ms: number): Promise<number | null> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiter = null;
        resolve(this.#answers.shift() ?? null);
      };
      const timer = setTimeout(done, ms);
      this.#waiter = () => {
        if (this.#answers.length > 0 || this.#closed) done();
      };
      this.#waiter();
    });
  }

  /** Resolves true once `bytes` were handed to the operating system within `ms`. */
  write(bytes: Uint8Array, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.#socket.write(bytes, (error) => {
        clearTimeout(timer);
        resolve(!error);
      });
    });
  }
}

function connect(target: PrinterTarget, ms: number): Promise<{ socket: Socket } | { error: string }> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({
        error: `no answer at ${target.host}:${target.port} within ${ms / 1000} s (is it on and plugged in?)`,
      });
    }, ms);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      const why =
        error.code === 'ECONNREFUSED'
          ? 'refused the connection (wrong port, or still starting)'
          : error.message;
      resolve({ error: `${target.host}:${target.port} ${why}` });
    });
    socket.connect(target.port, target.host, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // A late error (reset) is read as a failed write by the conversation, not thrown.
      socket.on('error', () => socket.destroy());
      socket.setNoDelay(true);
      resolve({ socket });
    });
  });
}

/**
 * Sends one job. `knownToAnswer`: this printer answered a status question before, so after the job the
 * server asks again and takes the answer as proof the printer read every byte (status requests are answered
 * in stream order); a printer that answered before and now stays silent is hung, cut by the write timeout.
 */
export async function sendToPrinter(
  target: PrinterTarget,
  /**
   * Called once the printer is reachable and has paper, just before the first byte: the job's bytes, or
   * null to send nothing (the job was cancelled meanwhile). Only from here on may the job have printed.
   */
  prepare: () => Promise<Uint8Array | null>,
  timeouts: ConnectionTimeouts,
  knownToAnswer: boolean,
): Promise<SendOutcome> {
  const opened = await connect(target, timeouts.connectMs);
  if ('error' in opened) return { kind: 'failed', reason: opened.error, answersStatus: knownToAnswer };
  const { socket } = opened;
  const talk = new Conversation(socket);
  try {
    const asked = await talk.write(PAPER_STATUS_REQUEST, timeouts.writeMs);
    const before = asked ? await talk.answer(timeouts.statusMs) : null;
    const answers = before !== null || knownToAnswer;
    if (before !== null && readPaperStatus(before) === 'paper_out') return { kind: 'paper_out' };
    const hung = `${target.host}:${target.port} accepted the connection but did not take the job within ${timeouts.writeMs / 1000} s`;
    const bytes = await prepare();
    if (!bytes) return { kind: 'skipped' };
    if (!(await talk.write(bytes, timeouts.writeMs)))
      return { kind: 'failed', reason: hung, answersStatus: answers };
    if (!answers) return { kind: 'printed', answersStatus: false, paperAfter: null };
    if (!(await talk.write(PAPER_STATUS_REQUEST, timeouts.writeMs)))
      return { kind: 'failed', reason: hung, answersStatus: true };
    const after = await talk.answer(timeouts.writeMs);
    if (after === null) return { kind: 'failed', reason: hung, answersStatus: true };
    return { kind: 'printed', answersStatus: true, paperAfter: readPaperStatus(after) };
  } finally {
    socket.end();
    // A printer that never reads would hold end() open: the socket goes once the job is decided.
    setTimeout(() => socket.destroy(), 1000).unref();
  }
}

/** A light check during a backoff: does the printer accept a connection (and answer, if it ever did)? */
export async function probePrinter(
  target: PrinterTarget,
  timeouts: ConnectionTimeouts,
  knownToAnswer: boolean,
): Promise<PaperStatus | 'down'> {
  const opened = await connect(target, Math.min(timeouts.connectMs, 1000));
  if ('error' in opened) return 'down';
  const talk = new Conversation(opened.socket);
  try {
    if (!(await talk.write(PAPER_STATUS_REQUEST, timeouts.statusMs))) return 'down';
    const answer = await talk.answer(timeouts.statusMs);
    if (answer === null) return knownToAnswer ? 'down' : 'ok';
    return readPaperStatus(answer);
  } finally {
    opened.socket.destroy();
  }
}
