// The shell's notices for a path a device cannot show (src/components/screen-notices.tsx, a chunk loaded after
// the first paint): a screen the device's role may not use names the screen and the role; an unknown path says
// there is no such screen. Both link to the device's home screen.
import { expect, test } from './helpers/fixtures.ts';
import { waitForServiceWorkerControl } from './helpers/device.ts';

test('a kitchen device at /menu is told the Menu is not for its role; /nowhere is no screen', async ({
  device,
}) => {
  const page = await (await device({ role: 'kitchen' })).newPage();
  await page.goto('/menu');
  await waitForServiceWorkerControl(page);
  const alert = page.getByRole('alert').filter({ hasText: 'is not available on this device' });
  await expect(alert).toContainText('Menu');
  await expect(alert).toContainText('kitchen');
  await expect(alert.getByRole('link')).toHaveAttribute('href', '/kitchen');

  await page.goto('/nowhere');
  await expect(page.getByRole('heading', { level: 2, name: 'No such screen' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link')).toHaveAttribute('href', '/kitchen');
});
