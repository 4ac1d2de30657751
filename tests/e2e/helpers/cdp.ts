// Chrome DevTools Protocol helpers for what Playwright does not expose: stopping service workers (Playwright
// keeps them alive, Chromium kills idle ones in real life) and the browser's own installability verdict.
//
// API (stable):
//   stopAllServiceWorkers(page)      resolves once every running SW of the page's context has reported "stopped"
//   installabilityErrors(page)       Page.getInstallabilityErrors (meaningful only in a persistent context)
//   launchInstallableContext()       a persistent context (temp profile) + cleanup(), for installability

import { chromium, expect, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './chromium-args.ts';
import { findChromium } from './find-chromium.ts';

interface WorkerVersion {
  versionId: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

/**
 * Stops every service worker of the page's context, as Chromium does to idle or misbehaving workers. Resolves
 * once each worker that was running has reported "stopped" (the app may wake it again right after: that is
 * the behaviour under test, so this does not wait for it to stay stopped).
 */
export async function stopAllServiceWorkers(page: Page): Promise<void> {
  // On failure the session is not detached: it goes away with the context, and a detach error (the browser
  // may be the thing that failed) would hide the real one.
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const status = new Map<string, WorkerVersion['runningStatus']>();
  const stoppedAfterCommand = new Set<string>();
  let commandSent = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
    for (const version of event.versions) {
      status.set(version.versionId, version.runningStatus);
      if (commandSent && version.runningStatus === 'stopped') stoppedAfterCommand.add(version.versionId);
    }
  });
  await cdp.send('ServiceWorker.enable');
  await expect
    .poll(() => status.size, { message: 'DevTools reports the service worker versions' })
    .toBeGreaterThan(0);
  const wasRunning = [...status].filter(([, runningStatus]) => runningStatus !== 'stopped').map(([id]) => id);
  commandSent = true;
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect
    .poll(() => wasRunning.every((id) => stoppedAfterCommand.has(id) || status.get(id) === 'stopped'), {
      message: 'every running service worker version reports runningStatus "stopped"',
    })
    .toBe(true);
  await cdp.detach();
}

export interface InstallabilityError {
  errorId: string;
  errorArguments: { name: string; value: string }[];
}

export async function installabilityErrors(page: Page): Promise<InstallabilityError[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const result = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: InstallabilityError[];
    };
    return result.installabilityErrors;
  } finally {
    await cdp.detach();
  }
}

/** Installability only shows in a persistent (profile-backed) context, so this launches one on a temp profile. */
export async function launchInstallableContext(
  baseUrl: string,
): Promise<{ context: BrowserContext; cleanup: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'orderline-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS],
    headless: true,
    serviceWorkers: 'allow',
    baseURL: baseUrl,
  });
  return {
    context,
    cleanup: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
