// Issue #5: Chromium itself judges the app installable (manifest, icons, service worker) — no errors from
// Page.getInstallabilityErrors, which only reports in a persistent (profile-backed) context.
import { installabilityErrors, launchInstallableContext } from './helpers/cdp.ts';
import { waitForFirstSnapshot, waitForServiceWorkerControl } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { ensurePaired } from './helpers/pair-device.ts';

test('Chromium reports no installability errors', async ({ server }) => {
  const { context, cleanup } = await launchInstallableContext(server.url);
  try {
    // An unpaired device would show the Pairing screen; installability is judged on the paired app.
    await ensurePaired(context, server.url);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await waitForFirstSnapshot(page);
    // The verdict needs the manifest and icons fetched; poll until Chromium has them.
    await expect.poll(() => installabilityErrors(page), { timeout: 15_000 }).toEqual([]);
  } finally {
    await cleanup();
  }
});
