// A fresh tablet opened from the owner's QR link (`/pair?code=…`) draws the Pairing screen before the service
// worker's first answer and again after it (issue 27, item 12). What was typed in between must survive that
// redraw: the test holds the worker's first answer until the name is typed, so the redraw always comes after.
import { counter } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { E2E_ADMIN_TOKEN } from './helpers/server-process.ts';

test('the device name typed before the first redraw is still there, and pairing goes through', async ({
  device,
  server,
}) => {
  const context = await device(false);
  await context.addInitScript(() => {
    // Only the timing changes: the worker's `hello` answer (the first snapshot) is posted once released.
    const post = ServiceWorker.prototype.postMessage;
    const held: (() => void)[] = [];
    let holding = true;
    ServiceWorker.prototype.postMessage = function (this: ServiceWorker, ...args: unknown[]) {
      const [message] = args as [{ type?: string }];
      const send = () => (post as (...rest: unknown[]) => void).apply(this, args);
      if (holding && message?.type === 'hello') held.push(send);
      else send();
    };
    (window as unknown as { releaseHello: () => void }).releaseHello = () => {
      holding = false;
      for (const send of held.splice(0)) send();
    };
  });
  const created = await context.request.post(`${server.url}/api/pairings`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { role: 'counter' },
  });
  expect(created.status()).toBe(201);
  const { code } = (await created.json()) as { code: string };

  const page = await context.newPage();
  await page.goto(`/pair?code=${code}`);
  const name = page.getByRole('textbox', { name: 'Device name', exact: true });
  await expect(name).toBeVisible();
  await name.fill('Front till');
  await page.evaluate(() => (window as unknown as { releaseHello: () => void }).releaseHello());
  // The worker's answer says "unpaired": the shell drops its navigation and draws the Pairing screen again.
  await expect(page.getByRole('status', { name: 'Sync status', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Screens', exact: true })).toHaveCount(0);
  await page.waitForTimeout(300);

  await expect(page.getByRole('textbox', { name: 'Device name', exact: true })).toHaveValue('Front till');
  await expect(page.getByRole('textbox', { name: 'Pairing code', exact: true })).toHaveValue(code);
  await page.getByRole('button', { name: 'Pair this device', exact: true }).click();
  await expect(counter(page).activeOrders).toBeAttached();
});
