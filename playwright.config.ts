// End-to-end tests: real Chromium, the real server as a child process, the real service worker.
// Flakes are fixed, never retried (retries: 0). The fault suite under tests/e2e/faults runs via test:faults.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './tests/e2e/helpers/chromium-args.ts';
import { findChromium } from './tests/e2e/helpers/find-chromium.ts';

const faultsOnly = process.env.ORDERLINE_FAULTS !== undefined && process.env.ORDERLINE_FAULTS !== '';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // The fault suite is long and has its own command (npm run test:faults).
  testIgnore: faultsOnly ? [] : ['**/faults/**'],
  // Two cores shared by Chromium and the server: more workers only add contention.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: process.env.CI !== undefined,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    headless: true,
    serviceWorkers: 'allow',
    launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS] },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
  },
});
