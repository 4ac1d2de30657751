// Opens the app in a bench page with a deadline. The e2e helper waits on `navigator.serviceWorker.ready`,
// which never settles if the worker fails to install; the bench must fail that measure, not hang forever.
import type { Page } from '@playwright/test';
import { openApp } from '../tests/e2e/helpers/device.ts';

export async function openAppWithin(page: Page, timeoutMs = 60_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void page
        .evaluate(() => document.body.innerText.slice(0, 300))
        .then(
          (text) => reject(new Error(`the app did not start within ${timeoutMs} ms; the page says: ${text}`)),
          (error: unknown) =>
            reject(new Error(`the app did not start within ${timeoutMs} ms (${String(error)})`)),
        );
    }, timeoutMs);
  });
  try {
    await Promise.race([openApp(page), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
