// Printing (DESIGN.md Part 3 budgets): order create acknowledged → the kitchen ticket's last byte at a
// loopback virtual printer (`print_kitchen_ms`), POST …/print receipt → its last byte (`print_receipt_ms`),
// and a kitchen printer off for a while with 100 jobs queued → all printed once after it is back
// (`print_backlog_s`, with lost and twice counted from the job ids on the tickets). Its own server process.
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import type { PrinterBody } from '../../protocol/printers.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../server/printing/virtual-printer.ts';
import { E2E_ADMIN_TOKEN, startServer } from '../../tests/e2e/helpers/server-process.ts';
import { summarize, round, type Summary } from '../stats.ts';

export interface PrintingResult {
  print_kitchen_ms: Summary;
  print_receipt_ms: Summary;
  print_backlog_s: number;
  print_backlog_lost: number;
  print_backlog_twice: number;
  backlogJobs: number;
  offMs: number;
}

const AUTH = { authorization: `Bearer ${process.env.ORDERLINE_ADMIN_TOKEN || E2E_ADMIN_TOKEN}` };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };

async function call(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → HTTP ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

function printer(port: number, kind: PrinterBody['kind']): PrinterBody {
  return { name: kind, host: '127.0.0.1', port, columns: 42, kind, categories: [], drawerKick: false };
}

let counter = 0;
async function createOrder(base: string, menuItemId: string): Promise<string> {
  counter += 1;
  const id = uuidv7();
  await call(
    `${base}/api/orders`,
    'POST',
    {
      id,
      number: `P-${String(counter).padStart(3, '0')}`,
      deviceId: uuidv7(),
      createdAt: new Date().toISOString(),
      customerName: `Print ${counter}`,
      items: [{ menuItemId, qty: 1 }],
    },
    { 'idempotency-key': id },
  );
  return id;
}

/** Resolves with performance.now() when the printer's next ticket (after `seen`) has arrived. */
function nextTicketAt(device: VirtualPrinter, seen: number): Promise<number> {
  return device.waitForTickets(seen + 1, 15_000).then(() => performance.now());
}

const jobIds = (device: VirtualPrinter) =>
  device.tickets.map((ticket) => /job ([0-9A-F]{8})/.exec(ticket.text)?.[1]);

export async function measurePrinting(
  samples: number,
  backlogJobs: number,
  offMs: number,
): Promise<PrintingResult> {
  // A loaded machine boots PGlite slowly; the measure starts once it is up.
  const server = await startServer({ healthTimeoutMs: 180_000 });
  const kitchen = await startVirtualPrinter();
  const till = await startVirtualPrinter();
  try {
    const base = server.url;
    await call(`${base}/api/printers/grill`, 'PUT', printer(kitchen.port, 'kitchen'));
    await call(`${base}/api/printers/till`, 'PUT', printer(till.port, 'receipt'));
    const menu = (await (await fetch(`${base}/api/menu`, { headers: AUTH })).json()) as {
      items: Array<{ id: string }>;
    };
    const item = menu.items[0]!.id;

    const kitchenMs: number[] = [];
    const orderIds: string[] = [];
    for (let i = 0; i < samples; i += 1) {
      const arrived = nextTicketAt(kitchen, kitchen.tickets.length);
      const id = await createOrder(base, item);
      const acknowledged = performance.now();
      kitchenMs.push((await arrived) - acknowledged);
      orderIds.push(id);
    }

    const receiptMs: number[] = [];
    for (const orderId of orderIds) {
      const arrived = nextTicketAt(till, till.tickets.length);
      const sent = performance.now();
      await call(`${base}/api/orders/${orderId}/print`, 'POST', { id: uuidv7(), kind: 'receipt' });
      receiptMs.push((await arrived) - sent);
    }

    // The kitchen printer goes off; orders keep coming; it comes back on the same port after `offMs`.
    const port = kitchen.port;
    await kitchen.close();
    const offAt = performance.now();
    for (let i = 0; i < backlogJobs; i += 1) await createOrder(base, item);
    const left = offMs - (performance.now() - offAt);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    const back = await startVirtualPrinter({ port });
    const backAt = performance.now();
    try {
      await back.waitForTickets(backlogJobs, 120_000);
      const doneAt = performance.now();
      // Anything printed twice would arrive just after: give it a moment before counting.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const ids = jobIds(back);
      const distinct = new Set(ids).size;
      return {
        print_kitchen_ms: summarize(kitchenMs),
        print_receipt_ms: summarize(receiptMs),
        print_backlog_s: round((doneAt - backAt) / 1000, 3),
        print_backlog_lost: backlogJobs - distinct,
        print_backlog_twice: ids.length - distinct,
        backlogJobs,
        offMs,
      };
    } finally {
      await back.close();
    }
  } finally {
    await kitchen.close().catch(() => undefined);
    await till.close();
    await server.dispose();
  }
}
