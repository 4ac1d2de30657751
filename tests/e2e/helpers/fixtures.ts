// Playwright fixtures for the e2e specs: one real server per worker (a PGlite database costs ~2.5 s and
// ~0.7 GB, so tests share it and tell their orders apart by unique customer names), and devices that are
// closed after each test.
//
// API (stable): test, expect (re-exported), and fixtures
//   server    worker-scoped ServerProcess (started, healthy; disposed after the worker)
//   device(pair?)  a fresh browser context on the server's URL (another device), paired as `counter` or as
//             `pair` asks (`{ role: 'kitchen' }`; `false` leaves it unpaired); closed after the test
//   app       a page on a fresh paired counter with the app open, SW in control, first snapshot rendered
//   uniqueName(label)  a customer name no other test uses

import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { newDevice, openApp } from './device.ts';
import type { PairOptions } from './pair-device.ts';
import { startServer, type ServerProcess } from './server-process.ts';

interface TestFixtures {
  device: (pair?: PairOptions | false) => Promise<BrowserContext>;
  app: Page;
  uniqueName: (label: string) => string;
}

interface WorkerFixtures {
  server: ServerProcess;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      try {
        await use(server);
      } finally {
        await server.dispose();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  device: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (pair) => {
      const context = await newDevice(browser, server.url, pair);
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.close();
  },

  app: async ({ device }, use) => {
    const context = await device();
    const page = await context.newPage();
    await openApp(page);
    await use(page);
  },

  uniqueName: async ({}, use) => {
    await use((label) => `${label} ${randomUUID().slice(0, 8)}`);
  },
});

export { expect };
