// Issue #5: what a customer types is shown as text on every device, never interpreted as markup.
import type { Dialog } from '@playwright/test';
import { counter, openApp, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';

test('a customer name containing markup shows as text and runs nothing', async ({ device, uniqueName }) => {
  const tillPage = await (await device()).newPage();
  const otherPage = await (await device()).newPage();
  const dialogs: string[] = [];
  const onDialog = (dialog: Dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  };
  tillPage.on('dialog', onDialog);
  otherPage.on('dialog', onDialog);
  await openApp(tillPage);
  await openApp(otherPage);
  const name = `<img src=x onerror=alert(1)> ${uniqueName('Mallory')}`;

  await placeOrder(tillPage, { customerName: name });

  for (const page of [tillPage, otherPage]) {
    const row = counter(page).row(name);
    await expect(row).toContainText(name);
    await expect(row.locator('img')).toHaveCount(0);
  }
  await expect(tillPage.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
