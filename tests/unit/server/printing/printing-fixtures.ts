// Shared builders for the printing tests: a virtual printer on loopback (never any other address) and
// requests that set up printers and wait for their queues.

import type { FastifyInstance } from 'fastify';
import type { PrinterBody, PrintJob } from '../../../../protocol/printers.ts';
import { OWNER_AUTH } from '../order-fixtures.ts';

export const FAST_PRINTING = {
  // writeMs is also the bound on how long a hung printer may hold up another one (printer-faults.test.ts): at
  // 800 ms a machine at load 15 missed it by 99 ms with nothing held up.
  timeouts: { connectMs: 500, statusMs: 200, writeMs: 2000 },
  retryFirstMs: 200,
  retryMaxMs: 1000,
  leaseRenewMs: 200,
  leaseTtlMs: 1500,
} as const;

export function printerBody(port: number, overrides: Partial<PrinterBody> = {}): PrinterBody {
  return {
    name: 'Kitchen',
    host: '127.0.0.1',
    port,
    columns: 42,
    kind: 'kitchen',
    categories: [],
    drawerKick: false,
    ...overrides,
  };
}

export async function putPrinter(app: FastifyInstance, id: string, body: PrinterBody): Promise<void> {
  const res = await app.inject({
    method: 'PUT',
    url: `/api/printers/${id}`,
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  if (res.statusCode !== 200) throw new Error(`PUT printer ${id}: ${res.statusCode} ${res.body}`);
}

export async function jobsOf(app: FastifyInstance, printer: string): Promise<PrintJob[]> {
  const res = await app.inject({ url: `/api/print-jobs?printer=${printer}`, headers: OWNER_AUTH });
  return res.json<{ jobs: PrintJob[] }>().jobs;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds or `timeoutMs` passes. */
export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
