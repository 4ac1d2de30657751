// Durability on a PGlite data directory: orders acknowledged with 2xx survive a clean restart and a
// SIGKILL of the server process right after the acknowledgement.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../protocol/order.ts';
import { buildApp } from '../../../server/app.ts';
import { openStore } from '../../../server/store/open-store.ts';
import { OWNER_AUTH, TEST_ADMIN_TOKEN, createBody, patchOrder, postOrder } from './order-fixtures.ts';
import { NO_LOAD_SHEDDING, spawnServerChild } from './server-child.ts';
import { migratedDataDir } from './migrated-data-dir.ts';
import { connectSse } from './sse-client.ts';

const dirs: string[] = [];
/** A new data directory, already migrated: durability, not the first start, is what these tests are about. */
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orderline-restart-'));
  dirs.push(dir);
  return migratedDataDir(dir);
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const spawnServer = (dataDir: string) => spawnServerChild(dataDir, NO_LOAD_SHEDDING);

describe('restart', () => {
  it('orders written through the app are all there after the store is closed and reopened', async () => {
    const dataDir = await tempDir();
    const store = await openStore({ dataDir });
    const app = await buildApp({
      store,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
      adminToken: TEST_ADMIN_TOKEN,
      limits: { maxEventLoopDelayMs: 0 },
    });
    const written: Order[] = [];
    for (let i = 0; i < 10; i++) written.push((await postOrder(app, createBody())).json<Order>());
    const first = written[0] as Order;
    written[0] = (await patchOrder(app, first.id, { status: 'ready', paid: true })).json<Order>();
    const pairing = (
      await app.inject({
        method: 'POST',
        url: '/api/pairings',
        headers: OWNER_AUTH,
        payload: { role: 'counter' },
      })
    ).json<{ code: string }>();
    const paired = (
      await app.inject({ method: 'POST', url: '/api/pair', payload: { code: pairing.code, name: 'Till 1' } })
    ).json<{ device: { id: string; code: string }; token: string }>();
    await app.close();
    await store.close();

    const reopened = await openStore({ dataDir });
    const again = await buildApp({
      store: reopened,
      rateLimit: false,
      distDir: '/nonexistent-orderline-dist',
      adminToken: TEST_ADMIN_TOKEN,
      limits: { maxEventLoopDelayMs: 0 },
    });
    try {
      const feed = (await again.inject({ url: '/api/orders/changes?since=0', headers: OWNER_AUTH })).json<{
        orders: Order[];
      }>();
      expect(feed.orders.map((o) => o.id).sort()).toEqual(written.map((o) => o.id).sort());
      expect(feed.orders.find((o) => o.id === first.id)).toEqual(written[0]);
      // A paired device's credential, id and ticket code survive the restart.
      const me = await again.inject({ url: '/api/me', headers: { authorization: `Bearer ${paired.token}` } });
      expect(me.json()).toEqual({
        id: paired.device.id,
        name: 'Till 1',
        role: 'counter',
        code: paired.device.code,
      });
      // The migration ran once; the counter continues where it was.
      const next = (await postOrder(again, createBody())).json<Order>();
      expect(next.seq).toBe(Math.max(...feed.orders.map((o) => o.seq)) + 1);
    } finally {
      await again.close();
      await reopened.close();
    }
    // Two PGlite opens on disk: slow on a loaded 2-core machine.
  }, 120_000);

  it('an acknowledged create survives SIGKILL of the server process', async () => {
    const dataDir = await tempDir();
    const { child, url: listening, exited } = spawnServer(dataDir);
    try {
      const url = await listening;
      const acknowledged: string[] = [];
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          const body = createBody();
          const res = await fetch(`${url}/api/orders`, {
            method: 'POST',
            headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': body.id },
            body: JSON.stringify(body),
          });
          if (res.status === 201) acknowledged.push(body.id);
        }),
      );
      expect(acknowledged).toHaveLength(25);
      child.kill('SIGKILL');
      expect((await exited).signal).toBe('SIGKILL');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const store = await openStore({ dataDir });
    try {
      const feed = await store.changes(0, 1000);
      expect(feed.orders).toHaveLength(25);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('SIGTERM ends open SSE streams, closes the database and exits 0', async () => {
    const dataDir = await tempDir();
    const { child, url: listening, exited } = spawnServer(dataDir);
    try {
      const url = await listening;
      const stream = await connectSse(`${url}/api/events`, OWNER_AUTH);
      await stream.waitFor((event) => event.retry === 1000);
      const ended = new Promise<void>((resolve) => stream.response.once('end', resolve));
      child.kill('SIGTERM');
      await ended;
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
