// Payments and Z reports on PostgreSQL with two server instances (DESIGN.md Part 3, principles 21-22): closes
// racing on both instances are numbered 1, 2, 3 … without a gap, and cash paid while a drawer closes is counted
// exactly once (in the closing report or in the drawer opened after it).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Drawer, ZReport } from '../../../protocol/drawer.ts';
import type { Order } from '../../../protocol/order.ts';
import { startServer, type RunningServer } from '../../../server/start-server.ts';
import { cashBody, closeBody, openBody, paymentBody } from './money-fixtures.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, createBody, uuidv7 } from './order-fixtures.ts';
import { postgresAvailable, startPostgres, type PostgresCluster } from './postgres-cluster.ts';

const unavailable = await postgresAvailable();
if (unavailable) console.warn(`skipping PostgreSQL money tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('PostgreSQL payments and drawers, two instances', () => {
  let cluster: PostgresCluster;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    cluster = await startPostgres();
    const options = {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: cluster.url,
      distDir: '/nonexistent-orderline-dist',
      rateLimit: false as const,
      adminToken: TEST_ADMIN_TOKEN,
    };
    a = await startServer(options);
    b = await startServer(options);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  async function post<T>(
    server: RunningServer,
    path: string,
    body: unknown,
  ): Promise<{ status: number; json: T }> {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      // The body's id is its Idempotency-Key (required for creates, checked for the rest).
      headers: {
        ...OWNER_AUTH,
        'content-type': 'application/json',
        'idempotency-key': (body as { id: string }).id,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as T };
  }
  async function get<T>(path: string): Promise<T> {
    return (await (await fetch(`${a.url}${path}`, { headers: OWNER_AUTH })).json()) as T;
  }

  it('30 drawers closed at once on two instances are numbered 1..30', async () => {
    const devices = Array.from({ length: 30 }, () => uuidv7());
    await Promise.all(
      devices.map((d, i) => post(i % 2 ? a : b, '/api/drawer/open', openBody(100, { deviceId: d }))),
    );
    const closes = await Promise.all(
      devices.map((d, i) =>
        post<{ report: ZReport }>(i % 2 ? b : a, '/api/drawer/close', closeBody(100, { deviceId: d })),
      ),
    );
    expect(closes.map((c) => c.status)).toEqual(devices.map(() => 201));
    const numbers = closes.map((c) => c.json.report.number).sort((x, y) => x - y);
    expect(numbers).toEqual(devices.map((_, i) => i + 1));
  }, 60_000);

  it('payments racing on one order from both instances are all recorded, each once', async () => {
    const order = (await post<Order>(a, '/api/orders', createBody())).json;
    const bodies = Array.from({ length: 20 }, () => paymentBody({ amountCents: 10 }));
    // Every payment sent twice, once to each instance: 20 recorded, 20 replays.
    const answers = await Promise.all(
      bodies.flatMap((body) => [a, b].map((s) => post(s, `/api/orders/${order.id}/payments`, body))),
    );
    expect(
      answers
        .map((r) => [r.status, JSON.stringify(r.json).slice(0, 120)])
        .filter(([s]) => s !== 200 && s !== 201),
    ).toEqual([]);
    expect(answers.filter((r) => r.status === 201)).toHaveLength(20);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(20);
    const stored = await get<Order>(`/api/orders/${order.id}`);
    expect(stored.payments).toHaveLength(20);
    expect(stored.paidCents).toBe(200);
  }, 60_000);

  it('cash paid while the drawer closes is counted exactly once', async () => {
    const device = uuidv7();
    const order = (await post<Order>(a, '/api/orders', createBody())).json;
    await post(a, '/api/drawer/open', openBody(0, { deviceId: device }));
    const payments = Array.from({ length: 20 }, () => cashBody(7, 7, { deviceId: device }));
    const [closed] = await Promise.all([
      post<{ report: ZReport }>(b, '/api/drawer/close', closeBody(0, { deviceId: device })),
      ...payments.map((p, i) => post(i % 2 ? a : b, `/api/orders/${order.id}/payments`, p)),
    ]);
    expect(closed.status).toBe(201);
    const inReport = closed.json.report.cash.salesCents;
    const open = await get<{ drawer: Drawer | null }>(`/api/drawer?deviceId=${device}`);
    const after = open.drawer ? open.drawer.expectedCents : 0;
    expect(inReport + after).toBe(20 * 7);
    if (open.drawer) expect(open.drawer.openedImplicitly).toBe(true);
  }, 60_000);
});
