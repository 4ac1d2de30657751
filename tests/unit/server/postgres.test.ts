// The PostgreSQL store (DATABASE_URL) on a throwaway cluster: the same SQL and migrations as PGlite,
// races between real concurrent transactions, and fan-out across two instances via LISTEN/NOTIFY.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEventData } from '../../../protocol/api.ts';
import type { DayReport } from '../../../protocol/day-report.ts';
import type { HistoryResponse } from '../../../protocol/history.ts';
import type { Order } from '../../../protocol/order.ts';
import { DEFAULT_SETTINGS } from '../../../protocol/settings.ts';
import { startServer, type RunningServer } from '../../../server/start-server.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, createBody } from './order-fixtures.ts';
import { postgresAvailable, startPostgres, type PostgresCluster } from './postgres-cluster.ts';
import { connectSse } from './sse-client.ts';

const unavailable = await postgresAvailable();
if (unavailable) console.warn(`skipping PostgreSQL tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('PostgreSQL store', () => {
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
    // A second instance on the same database: migrations must not run twice.
    b = await startServer(options);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  async function post(server: RunningServer, body = createBody()): Promise<Response> {
    return fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': body.id },
      body: JSON.stringify(body),
    });
  }

  it('reports postgres in /healthz', async () => {
    expect(await (await fetch(`${a.url}/healthz`)).json()).toEqual({ ok: true, db: 'postgres' });
  });

  it('50 concurrent creates with one key on two instances make exactly one order', async () => {
    const body = createBody();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(i % 2 ? a : b, body)));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
  });

  it('batches racing on two instances with the same keys answer each mutation as alone (savepoints)', async () => {
    const bodies = Array.from({ length: 20 }, () => createBody());
    const mutations = bodies.map((body) => ({ op: 'create', key: body.id, body }));
    const send = (server: RunningServer) =>
      fetch(`${server.url}/api/batch`, {
        method: 'POST',
        headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({
          mutations: [
            ...mutations,
            { op: 'patch', key: crypto.randomUUID(), orderId: crypto.randomUUID(), body: { paid: true } },
          ],
        }),
      });
    const answers = await Promise.all([send(a), send(b), send(a), send(b)]);
    const results = await Promise.all(
      answers.map(async (res) => {
        expect(res.status).toBe(200);
        return ((await res.json()) as { results: { status: number }[] }).results.map((r) => r.status);
      }),
    );
    // Each create was made exactly once across the four batches; every other answer is a replay.
    for (let i = 0; i < bodies.length; i++) {
      const statuses = results.map((r) => r[i]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    }
    for (const r of results) expect(r.at(-1)).toBe(404);
  });

  it('concurrent distinct creates commit in seq order: the feed is ascending and complete', async () => {
    const since = (
      (await (await fetch(`${a.url}/api/orders?status=active`, { headers: OWNER_AUTH })).json()) as {
        cursor: number;
      }
    ).cursor;
    const bodies = Array.from({ length: 60 }, () => createBody());
    const answers = await Promise.all(bodies.map((body, i) => post(i % 2 ? a : b, body)));
    expect(answers.every((res) => res.status === 201)).toBe(true);
    const feed = (await (
      await fetch(`${b.url}/api/orders/changes?since=${since}`, { headers: OWNER_AUTH })
    ).json()) as {
      orders: Order[];
    };
    expect(feed.orders.map((o) => o.id).sort()).toEqual(bodies.map((x) => x.id).sort());
    const seqs = feed.orders.map((o) => o.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('a create on one instance reaches an SSE client of the other (LISTEN/NOTIFY)', async () => {
    const stream = await connectSse(`${b.url}/api/events`, OWNER_AUTH);
    try {
      await stream.waitFor((event) => event.retry === 1000);
      const order = (await (await post(a)).json()) as Order;
      const event = await stream.waitFor(
        (e) =>
          e.event === 'orders' && (JSON.parse(e.data) as PushEventData).orders.some((o) => o.id === order.id),
      );
      expect(event.id).toBe(String(order.seq));
      const patched = await fetch(`${a.url}/api/orders/${order.id}`, {
        method: 'PATCH',
        headers: {
          ...OWNER_AUTH,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ status: 'ready' }),
      });
      const ready = (await patched.json()) as Order;
      await stream.waitFor((e) => e.event === 'orders' && e.id === String(ready.seq));
    } finally {
      stream.close();
    }
  });

  it('kitchen settings saved on one instance reach an SSE client of the other, and its GET (NOTIFY)', async () => {
    const stream = await connectSse(`${b.url}/api/events`, OWNER_AUTH);
    try {
      await stream.waitFor((event) => event.retry === 1000);
      const saved = await fetch(`${a.url}/api/settings`, {
        method: 'PUT',
        headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ kitchenWarningMinutes: 7, kitchenLateMinutes: 13 }),
      });
      expect(saved.status).toBe(200);
      const event = await stream.waitFor((e) => e.event === 'settings', 2_000);
      expect(JSON.parse(event.data)).toEqual({
        ...DEFAULT_SETTINGS,
        kitchenWarningMinutes: 7,
        kitchenLateMinutes: 13,
      });
      const read = await fetch(`${b.url}/api/settings`, { headers: OWNER_AUTH });
      expect(await read.json()).toEqual({
        ...DEFAULT_SETTINGS,
        kitchenWarningMinutes: 7,
        kitchenLateMinutes: 13,
      });
    } finally {
      stream.close();
    }
  });

  async function pairDevice(
    server: RunningServer,
    role = 'counter',
  ): Promise<{ id: string; code: string; token: string }> {
    const pairing = await fetch(`${server.url}/api/pairings`, {
      method: 'POST',
      headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ role }),
    });
    const { code } = (await pairing.json()) as { code: string };
    const res = await fetch(`${server.url}/api/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Till' }),
    });
    expect(res.status).toBe(201);
    const paired = (await res.json()) as { device: { id: string; code: string }; token: string };
    return { id: paired.device.id, code: paired.device.code, token: paired.token };
  }

  it('concurrent pairings on two instances get distinct ticket codes', async () => {
    const devices = await Promise.all(Array.from({ length: 12 }, (_, i) => pairDevice(i % 2 ? a : b)));
    expect(new Set(devices.map((device) => device.code)).size).toBe(devices.length);
  });

  it('a revocation on one instance refuses the credential on the other and closes its stream there within 1 s', async () => {
    const device = await pairDevice(b);
    const auth = { authorization: `Bearer ${device.token}` };
    // Warm b's credential cache, so only the cross-instance notification can make b refuse it.
    expect((await fetch(`${b.url}/api/me`, { headers: auth })).status).toBe(200);
    const stream = await connectSse(`${b.url}/api/events`, auth);
    try {
      await stream.waitFor((event) => event.retry === 1000);
      const closed = new Promise<number>((resolve) =>
        stream.response.once('close', () => resolve(performance.now())),
      );
      const revokedAt = performance.now();
      const res = await fetch(`${a.url}/api/devices/${device.id}`, { method: 'DELETE', headers: OWNER_AUTH });
      expect(res.status).toBe(204);
      expect((await closed) - revokedAt).toBeLessThan(1000);
      expect((await fetch(`${b.url}/api/me`, { headers: auth })).status).toBe(401);
    } finally {
      stream.close();
    }
  });

  it('200 concurrent wrong pairing codes from one client: at most 10 are looked up, the rest get 429 (issue 26)', async () => {
    // Its own instance: the blocked window must not refuse the other tests' pairings from 127.0.0.1.
    const c = await startServer({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: cluster.url,
      distDir: '/nonexistent-orderline-dist',
      rateLimit: false,
      adminToken: TEST_ADMIN_TOKEN,
      // 200 requests at once on a loaded machine would otherwise be shed (503) before the pairing limit is met.
      limits: { maxEventLoopDelayMs: 0 },
    });
    try {
      const guess = (i: number) =>
        fetch(`${c.url}/api/pair`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: `ABCD-${String(1000 + i).slice(-4)}`, name: 'Guess' }),
        });
      const statuses = (await Promise.all(Array.from({ length: 200 }, (_, i) => guess(i)))).map(
        (r) => r.status,
      );
      expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(10);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(190);
    } finally {
      await c.close();
    }
  });

  it('records order events and serves history and the day report (Berlin, 23-hour day) on PostgreSQL', async () => {
    const body = createBody({ number: 'PG-001', createdAt: '2026-03-29T01:30:00.000Z' });
    const order = (await (await post(a, body)).json()) as Order;
    for (const change of [{ status: 'ready', paid: true }, { status: 'completed' }]) {
      const res = await fetch(`${b.url}/api/orders/${order.id}`, {
        method: 'PATCH',
        headers: {
          ...OWNER_AUTH,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify(change),
      });
      expect(res.status).toBe(200);
    }
    const history = (await (
      await fetch(`${a.url}/api/orders/history?q=pg-0`, { headers: OWNER_AUTH })
    ).json()) as HistoryResponse;
    expect(history.orders.map((o) => o.events.map((e) => [e.status, e.paid]))).toEqual([
      [
        ['pending', false],
        ['ready', true],
        ['completed', true],
      ],
    ]);
    const report = (await (
      await fetch(`${b.url}/api/reports/day?date=2026-03-29&tz=Europe/Berlin`, { headers: OWNER_AUTH })
    ).json()) as DayReport;
    expect(report).toMatchObject({
      orders: 1,
      completed: 1,
      revenueCents: 1040,
      paidCents: 1040,
      unpaidCents: 0,
    });
    expect(report.byHour).toHaveLength(23);
    expect(report.byHour.find((h) => h.orders === 1)?.hour).toBe(3); // 01:30Z is 03:30 CEST
  });
});
