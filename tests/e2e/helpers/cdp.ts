// Chrome DevTools Protocol helpers for what Playwright does not expose: stopping service workers (Playwright
// keeps them alive, Chromium kills idle ones in real life) and the browser's own installability verdict.
//
// API (stable):
//   stopAllServiceWorkers(page)      resolves once every SW version of the page's context reports "stopped"
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

/** Stops every service worker of the page's context, as Chromium does to idle or misbehaving workers. */
export async function stopAllServiceWorkers(page: Page): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const versions = new Map<string, WorkerVersion['runningStatus']>();
    cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
      for (const version of event.versions) versions.set(version.versionId, version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect
      .poll(() => versions.size > 0 && [...versions.values()].every((status) => status === 'stopped'), {
        message: 'every service worker version reports runningStatus "stopped"',
      })
      .toBe(true);
  } finally {
    await cdp.detach();
  }
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
