// Ad-hoc measurement (not a test): POST /api/orders throughput against `server/main.ts` in its own
// process with PGlite in a temp dir, each request a distinct valid order (autocannon runs here).
// Run: node --import tsx tests/unit/server/create-throughput.ts   (SECONDS, CONNECTIONS, LOG_LEVEL)

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { OWNER_AUTH, TEST_ADMIN_TOKEN } from './order-fixtures.ts';

const seconds = Number(process.env.SECONDS ?? 5);
const connections = Number(process.env.CONNECTIONS ?? 32);
const dataDir = await mkdtemp(join(tmpdir(), 'orderline-bench-'));
/** A free port: listen on 0, read it, close. */
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});
const url = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: join(import.meta.dirname, '..', '..', '..'),
  env: {
    ...process.env,
    PORT: String(port),
    HTTPS_PORT: '0',
    HOST: '127.0.0.1',
    ORDERLINE_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ORDERLINE_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise((resolve) => child.once('exit', resolve));
for (;;) {
  const ready = await fetch(`${url}/healthz`).then(
    (res) => res.ok,
    () => false,
  );
  if (ready) break;
  if (child.exitCode !== null) throw new Error('server exited before listening');
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const server = { url };
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
            headers: { ...OWNER_AUTH, 'content-type': 'application/json', 'idempotency-key': id },
            body: JSON.stringify(body),
          };
        },
      },
    ],
  });
  const created = (await (
    await fetch(`${server.url}/api/orders/changes?since=0&limit=1`, { headers: OWNER_AUTH })
  ).json()) as {
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
  child.kill('SIGTERM');
  await exited;
  await rm(dataDir, { recursive: true, force: true });
}
