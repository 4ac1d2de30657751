// PostgreSQL with two server instances on one database (DESIGN.md "Budgets, part 2"): POST /api/orders
// throughput against instance A (`pg_create_per_s`, autocannon as for PGlite), and commit on A → the event on a
// stream of instance B (`pg_cross_instance_ms`: NOTIFY, B's catch-up read, B's SSE write). The cluster is a
// throwaway one (initdb + pg_ctl, Unix socket only); without PostgreSQL tools this says why instead of failing.
import { postgresAvailable, startPostgres } from '../../tests/unit/server/postgres-cluster.ts';
import { startServer, type ServerProcess } from '../../tests/e2e/helpers/server-process.ts';
import { fetchMenuItems, newOrderBody, postOrder, registerDevice } from '../api-client.ts';
import { summarize, type Summary } from '../stats.ts';
import { measureCreateThroughput, type ThroughputResult } from './server-throughput.ts';
import { openOrderStream, type Client } from './sse-fanout.ts';

export type PostgresInstancesResult =
  | { available: false; reason: string }
  | {
      available: true;
      /** updatedAt (A's clock at the write, before its commit) → receipt on B's stream. */
      crossInstance: Summary;
      /** A's answer to the POST reaching the bench → receipt on B (negative when B was first). */
      answerToReceipt: Summary;
      throughput: ThroughputResult;
    };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates orders on A one at a time and times each one's arrival on B's stream. */
async function timeCrossInstance(
  a: ServerProcess,
  b: ServerProcess,
  menuItemId: string,
  samples: number,
): Promise<{ crossInstance: number[]; answerToReceipt: number[] }> {
  const waiting = new Map<string, (receivedAt: number, updatedAt: string) => void>();
  let stream: Client | null = null;
  try {
    stream = await openOrderStream(b.url, (id, updatedAt) => waiting.get(id)?.(Date.now(), updatedAt));
    const device = await registerDevice(a.url);
    const crossInstance: number[] = [];
    const answerToReceipt: number[] = [];
    // The first create is not timed: it proves B follows A's writes at all, and warms both pools.
    for (let i = -1; i < samples; i++) {
      const body = newOrderBody(device, menuItemId, `pg-cross-${i}`);
      const received = new Promise<{ receivedAt: number; updatedAt: string }>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`order ${body.id} created on A did not reach B's stream in 10 s`)),
          10_000,
        );
        waiting.set(body.id, (receivedAt, updatedAt) => {
          clearTimeout(timer);
          resolve({ receivedAt, updatedAt });
        });
      });
      // If the POST throws, nobody awaits `received`: its later timeout must not be an unhandled rejection.
      received.catch(() => undefined);
      await postOrder(a.url, body);
      const answeredAt = Date.now();
      const { receivedAt, updatedAt } = await received;
      waiting.delete(body.id);
      if (i >= 0) {
        crossInstance.push(receivedAt - Date.parse(updatedAt));
        answerToReceipt.push(receivedAt - answeredAt);
      }
      // Spaced like clicks at a counter, so each sample is one commit on its own, not a burst.
      await sleep(20);
    }
    return { crossInstance, answerToReceipt };
  } finally {
    stream?.request.destroy();
  }
}

export async function measurePostgresInstances(
  samples: number,
  throughputSeconds: number,
): Promise<PostgresInstancesResult> {
  const reason = await postgresAvailable();
  if (reason !== null) return { available: false, reason };
  const cluster = await startPostgres();
  const servers: ServerProcess[] = [];
  try {
    // One after the other: the first start runs the migrations, the second finds them done.
    for (let i = 0; i < 2; i++) servers.push(await startServer({ env: { DATABASE_URL: cluster.url } }));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const health = (await (await fetch(`${b.url}/healthz`)).json()) as { db?: string };
    if (health.db !== 'postgres') throw new Error(`instance B runs on ${String(health.db)}, not PostgreSQL`);
    const item = (await fetchMenuItems(a.url))[0]!;
    const times = await timeCrossInstance(a, b, item.id, samples);
    // Last: it floods the database with orders nobody completes.
    const throughput = await measureCreateThroughput(a.url, item.id, throughputSeconds);
    if (throughput.created === 0)
      throw new Error(`no create succeeded (${throughput.non2xx} non-2xx, ${throughput.errors} errors)`);
    return {
      available: true,
      crossInstance: summarize(times.crossInstance),
      answerToReceipt: summarize(times.answerToReceipt),
      throughput,
    };
  } finally {
    for (const server of servers) await server.dispose();
    await cluster.stop();
  }
}
