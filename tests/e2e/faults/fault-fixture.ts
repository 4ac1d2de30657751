// Fixtures for fault specs: every test gets its own real server (its own data dir, so it can be killed and
// restarted without touching other tests), a fault proxy in front of it, and the server's menu.
import { test as base, expect } from '@playwright/test';
import type { MenuItem } from '../../../protocol/api.ts';
import { fetchMenu } from '../helpers/api.ts';
import { startServer, type ServerProcess } from '../helpers/server-process.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

interface FaultFixtures {
  server: ServerProcess;
  /** The browser's way to the server: http://127.0.0.1:<proxy port>/ is the app's origin. */
  faultProxy: FaultProxy;
  menu: MenuItem[];
}

export const test = base.extend<FaultFixtures>({
  server: async ({}, use, testInfo) => {
    const server = await startServer();
    try {
      await use(server);
    } finally {
      await testInfo.attach('server.log', { body: server.logs(), contentType: 'text/plain' });
      await server.dispose();
    }
  },
  faultProxy: async ({ server }, use) => {
    const proxy = await startFaultProxy(server.port);
    try {
      await use(proxy);
    } finally {
      await proxy.close();
    }
  },
  menu: async ({ server }, use) => {
    await use((await fetchMenu(server.url)).items);
  },
});

export { expect };
