// Ad-hoc measurement (not a test): POST /api/orders throughput against a started server with PGlite
// in a temp dir, each request a distinct valid order. Run: node --import tsx tests/unit/server/create-throughput.ts

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { startServer } from '../../../server/start-server.ts';

const seconds = Number(process.env.SECONDS ?? 5);
const connections = Number(process.env.CONNECTIONS ?? 32);
const dataDir = await mkdtemp(join(tmpdir(), 'orderline-bench-'));
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  distDir: '/nonexistent-orderline-dist',
});
let n = 0;
try {
  const result = await autocannon({
    url: `${server.url}/api/orders`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest(request) {
          n += 1;
          const id = uuidv7();
          const body = {
            id,
            number: `A-${String(n).padStart(3, '0')}`,
            deviceId: '0192d2a4-6c1e-7000-8000-00000000d001',
            createdAt: new Date().toISOString(),
            customerName: `Guest ${n}`,
            items: [
              { menuItemId: 'flat-white', qty: 1 + (n % 3) },
              { menuItemId: 'croissant', qty: 1, note: 'warm' },
            ],
          };
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'idempotency-key': id },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  });
  const created = (await (await fetch(`${server.url}/api/orders/changes?since=0&limit=1`)).json()) as {
    orders: { seq: number }[];
  };
  console.log(
    JSON.stringify({
      creates_per_s: Math.round(result.requests.average),
      total_2xx: result['2xx'],
      non_2xx: result.non2xx,
      errors: result.errors,
      latency_p50_ms: result.latency.p50,
      latency_p99_ms: result.latency.p99,
      connections,
      seconds,
      first_seq: created.orders[0]?.seq,
    }),
  );
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
