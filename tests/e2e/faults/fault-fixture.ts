// Fixtures for fault specs: every test gets its own real server (its own data dir, so it can be killed and
// restarted without touching other tests), a fault proxy in front of it, and the server's menu. The server
// log and the proxy's request log land in the test's output directory for post-mortems.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { MenuItem } from '../../../protocol/api.ts';
import { fetchMenu } from '../helpers/api.ts';
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

interface WorkerFixtures {
  /** A private copy of dist/ taken when the worker starts, so a rebuild elsewhere cannot pull files away. */
  appBuild: string;
}

interface FaultFixtures {
  server: ServerProcess;
  /** The browser's way to the server: http://127.0.0.1:<proxy port>/ is the app's origin. */
  faultProxy: FaultProxy;
  menu: MenuItem[];
}

export const test = base.extend<FaultFixtures, WorkerFixtures>({
  appBuild: [
    async ({}, use) => {
      const source = join(REPO_ROOT, 'dist');
      for (const file of ['index.html', 'sw.js', 'manifest.webmanifest']) {
        if (!existsSync(join(source, file)))
          throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
      }
      const copy = await mkdtemp(join(tmpdir(), 'orderline-faults-dist-'));
      await cp(source, copy, { recursive: true });
      try {
        await use(copy);
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
  server: [
    async ({ appBuild }, use, testInfo) => {
      const server = await startServer({ healthTimeoutMs: 120_000, distDir: appBuild });
      try {
        await use(server);
      } finally {
        await writeFile(testInfo.outputPath('server.log'), server.logs());
        await server.dispose();
      }
    },
    // Its own budget: PGlite's first start is slow on a busy 2-core machine and must not eat the fault's.
    { timeout: 150_000 },
  ],
  faultProxy: async ({ server }, use, testInfo) => {
    const proxy = await startFaultProxy(server.port);
    try {
      await use(proxy);
    } finally {
      const log = proxy.log.map(({ body: _body, ...entry }) => entry);
      await writeFile(testInfo.outputPath('proxy-log.json'), JSON.stringify(log, null, 1));
      await proxy.close();
    }
  },
  menu: async ({ server }, use) => {
    await use((await fetchMenu(server.url)).items);
  },
});

export { expect };
