// Finds the Chromium binary the e2e suite drives: CHROMIUM_PATH, else Playwright's own download, else
// /usr/bin/chromium; as root in CI it installs Debian's package. Never returns a path that does not exist.
//
// API: findChromium(): string — the executable path, or throws an Error that says what to do.

import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    // Absence is the answer here, not a failure.
    return false;
  }
}

function playwrightChromium(): string | null {
  try {
    const path = chromium.executablePath();
    return isExecutable(path) ? path : null;
  } catch {
    // executablePath() throws when Playwright has no browser registry entry for this platform.
    return null;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function installDebianChromium(): void {
  // stdio goes to stderr so the config's stdout stays clean; a failure throws with apt's own message.
  execFileSync('apt-get', ['update'], { stdio: ['ignore', process.stderr, process.stderr] });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH=${fromEnv} is not an executable file. Point it at a Chromium or Chrome binary.`,
    );
  }
  const bundled = playwrightChromium();
  if (bundled !== null) return bundled;
  if (isExecutable(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  if (isRoot()) {
    installDebianChromium();
    if (isExecutable(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
    throw new Error(`apt-get install chromium finished but ${SYSTEM_CHROMIUM} is still missing.`);
  }
  throw new Error(
    'No Chromium found for the e2e tests. Do one of: set CHROMIUM_PATH=/path/to/chromium; ' +
      'run `npx playwright install chromium`; or `sudo apt-get install -y chromium` (Debian/Ubuntu).',
  );
}
