// Talking to a server child over HTTP in the printing tests: set a printer up, post an order, read jobs.

import type { PrinterBody, PrintJob } from '../../../../protocol/printers.ts';
import { OWNER_AUTH, createBody } from '../order-fixtures.ts';

export async function httpPutPrinter(url: string, id: string, body: PrinterBody): Promise<void> {
  const res = await fetch(`${url}/api/printers/${id}`, {
    method: 'PUT',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`PUT printer: ${res.status} ${await res.text()}`);
}

export async function httpPostOrder(url: string): Promise<string> {
  const body = createBody();
  const res = await fetch(`${url}/api/orders`, {
    method: 'POST',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': body.id },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST order: ${res.status} ${await res.text()}`);
  return body.id;
}

export async function httpJobs(url: string, printer: string): Promise<PrintJob[]> {
  const res = await fetch(`${url}/api/print-jobs?printer=${printer}`, { headers: OWNER_AUTH });
  return ((await res.json()) as { jobs: PrintJob[] }).jobs;
}

/** The job id a ticket printed (`job XXXXXXXX`). */
export function ticketJobId(text: string): string | undefined {
  return /job ([0-9A-F]{8})/.exec(text)?.[1];
}
