// `z_report_ms` (DESIGN Part 3 budgets): POST /api/drawer/close for a drawer that took `payments` cash payments,
// timed at the client over loopback against a real server process (PGlite on disk). The payments arrive as the
// service worker sends them (batches of 100), spread over orders of ten payments each; the close sums them in SQL.
// Standalone: node --import tsx bench/scenarios/z-report.ts [payments]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import type { BatchResponse } from '../../protocol/api.ts';
import type { ZReport } from '../../protocol/drawer.ts';
import { E2E_ADMIN_TOKEN, startServer } from '../../tests/e2e/helpers/server-process.ts';
import { round } from '../stats.ts';

const AUTH = { authorization: `Bearer ${process.env.ORDERLINE_ADMIN_TOKEN || E2E_ADMIN_TOKEN}` };
const PER_ORDER = 10;
const PER_BATCH = 100;

export interface ZReportBenchResult {
  payments: number;
  /** The close request, sent → answered. */
  ms: number;
  /** Sanity: what the report counted (must equal what was paid). */
  countedPayments: number;
}

async function batch(base: string, mutations: unknown[]): Promise<BatchResponse> {
  let res: Response;
  // A busy machine may shed load (503): seeding waits and resends, as the service worker would.
  for (let attempt = 0; ; attempt++) {
    res = await fetch(`${base}/api/batch`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ mutations }),
    });
    if (res.status !== 503 || attempt >= 20) break;
    await res.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!res.ok) throw new Error(`batch: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as BatchResponse;
  const failed = body.results.find((r) => r.status >= 300);
  if (failed) throw new Error(`batch op: ${failed.status} ${JSON.stringify(failed.error)}`);
  return body;
}

export async function measureZReport(payments: number): Promise<ZReportBenchResult> {
  const server = await startServer({ healthTimeoutMs: 180_000 });
  try {
    const base = server.url;
    const deviceId = uuidv7();
    const now = () => new Date().toISOString();
    const menu = (await (await fetch(`${base}/api/menu`, { headers: AUTH })).json()) as {
      version: number;
      items: { id: string; available: boolean; optionGroups?: string[] }[];
    };
    const item = menu.items.find((i) => i.available && (i.optionGroups ?? []).length === 0);
    if (!item) throw new Error('z-report bench: no plain item on the menu');
    const open = { id: uuidv7(), deviceId, floatCents: 10_000, createdAt: now() };
    await batch(base, [{ op: 'drawer-open', key: open.id, body: open }]);

    const orders = Math.ceil(payments / PER_ORDER);
    const ops: unknown[] = [];
    for (let o = 0; o < orders; o++) {
      const order = {
        id: uuidv7(),
        number: `Z-${String(o + 1).padStart(4, '0')}`,
        deviceId,
        createdAt: now(),
        items: [{ menuItemId: item.id, qty: 1 }],
      };
      ops.push({ op: 'create', key: order.id, body: order });
      for (let p = 0; p < PER_ORDER && o * PER_ORDER + p < payments; p++) {
        const payment = {
          id: uuidv7(),
          method: 'cash',
          amountCents: 100,
          tenderedCents: 200,
          deviceId,
          createdAt: now(),
        };
        ops.push({ op: 'payment', key: payment.id, orderId: order.id, body: payment });
      }
    }
    for (let i = 0; i < ops.length; i += PER_BATCH) await batch(base, ops.slice(i, i + PER_BATCH));

    const close = { id: uuidv7(), deviceId, countedCents: 10_000 + payments * 100, createdAt: now() };
    const start = performance.now();
    const res = await fetch(`${base}/api/drawer/close`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(close),
    });
    const { report } = (await res.json()) as { report: ZReport };
    const ms = performance.now() - start;
    if (res.status !== 201) throw new Error(`close: ${res.status}`);
    if (report.cash.differenceCents !== 0)
      throw new Error(`close: difference ${report.cash.differenceCents}`);
    const countedPayments = report.byMethod.find((m) => m.method === 'cash')?.count ?? 0;
    return { payments, ms: round(ms, 1), countedPayments };
  } finally {
    await server.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await measureZReport(Number(process.argv[2] ?? 2_000)), null, 2));
}
