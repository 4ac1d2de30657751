// End-to-end tests: real Chromium, the real server as a child process, the real service worker.
// Flakes are fixed, never retried (retries: 0). The fault suite under tests/e2e/faults runs when ORDERLINE_FAULTS
// is set: `npm test` runs it trimmed in the same run as the rest (test:browser), test:faults runs it in full.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './tests/e2e/helpers/chromium-args.ts';
import { findChromium } from './tests/e2e/helpers/find-chromium.ts';

const withFaults = process.env.ORDERLINE_FAULTS !== undefined && process.env.ORDERLINE_FAULTS !== '';
const faultsIgnored = withFaults ? [] : ['**/faults/**'];

/**
 * The longest files (each 30 s to 3.5 min of one worker), started first. Files go to the two workers in the
 * order of the projects, so one of these started last would leave the other worker idle for its whole length:
 * the bench smoke test used to start 82nd of 85 and run 3.3 min alone. A file missing from here is only
 * scheduled later, never skipped.
 */
const LONGEST = [
  '**/bench-smoke.spec.ts',
  '**/faults/06-sw-upgrade-with-queue.spec.ts',
  '**/faults/05-service-worker-killed-mid-flush.spec.ts',
  '**/update-prompt.spec.ts',
  '**/cold-start.spec.ts',
  '**/currencies.spec.ts',
  '**/languages.spec.ts',
  '**/faults/10-stalled-push-stream.spec.ts',
];

export default defineConfig({
  testDir: 'tests/e2e',
  // One migrated data dir per run; servers on a fresh data dir start from a copy of it (see the file).
  globalSetup: './tests/e2e/setup/data-dir-template.ts',
  testMatch: '**/*.spec.ts',
  projects: [
    { name: 'longest', testMatch: LONGEST, testIgnore: faultsIgnored },
    { name: 'e2e', testIgnore: [...LONGEST, ...faultsIgnored] },
  ],
  // Two cores shared by Chromium and the server: more workers only add contention.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: process.env.CI !== undefined,
  // ORDERLINE_TIMING=<file.json>: also record where each worker's time went (tests/e2e/helpers/timing-reporter.ts).
  reporter: process.env.ORDERLINE_TIMING ? [['list'], ['./tests/e2e/helpers/timing-reporter.ts']] : 'list',
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
