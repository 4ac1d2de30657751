// Revoke and a role change on the Devices screen ask first (issue 27, item 5; DESIGN Part 3 "Destructive
// actions ask first"): picking a role or pressing Revoke changes nothing on the server until it is confirmed,
// and "Keep" backs out. Real owner device, real server; the server's own device list is the witness.
import type { DeviceListEntry } from '../../protocol/pairing.ts';
import { openApp } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';
import { OWNER_AUTH, pairOverHttp } from './helpers/pair-device.ts';

async function serverDevice(baseUrl: string, id: string): Promise<DeviceListEntry> {
  const response = await fetch(`${baseUrl}/api/devices`, { headers: OWNER_AUTH });
  const { devices } = (await response.json()) as { devices: DeviceListEntry[] };
  const found = devices.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`device ${id} is not in the list`);
  return found;
}

test('the role change and Revoke on Devices wait for a confirmation, and Keep backs out', async ({
  device,
  server,
  uniqueName,
}) => {
  const tillName = uniqueName('Till');
  const till = await pairOverHttp(server.url, { role: 'counter', name: tillName });
  const page = await (await device({ role: 'owner', name: uniqueName('Owner') })).newPage();
  await openApp(page);
  await page
    .getByRole('navigation', { name: 'Screens', exact: true })
    .getByRole('link', { name: 'Devices' })
    .click();
  const row = page.getByRole('list', { name: 'Devices', exact: true }).getByRole('listitem').filter({
    hasText: tillName,
  });
  await expect(row).toBeVisible();

  // Picking a role applies nothing yet.
  const role = page.getByRole('combobox', { name: `Role of ${tillName}`, exact: true });
  await role.selectOption('kitchen');
  const apply = page.getByRole('button', { name: 'Change role to kitchen', exact: true });
  await expect(apply).toBeVisible();
  await page.waitForTimeout(500);
  expect((await serverDevice(server.url, till.device.id)).role).toBe('counter');
  await page.getByRole('button', { name: 'Keep counter', exact: true }).click();
  await expect(role).toHaveValue('counter');
  expect((await serverDevice(server.url, till.device.id)).role).toBe('counter');

  // Confirmed, it applies.
  await role.selectOption('kitchen');
  await apply.click();
  await expect.poll(async () => (await serverDevice(server.url, till.device.id)).role).toBe('kitchen');
  await expect(row.getByRole('definition').first()).toHaveText('kitchen');

  // Revoke asks first; Keep backs out; only "Yes, revoke" revokes.
  await page.getByRole('button', { name: `Revoke ${tillName}`, exact: true }).click();
  await expect(page.getByRole('button', { name: `Yes, revoke ${tillName}`, exact: true })).toBeVisible();
  await page.waitForTimeout(500);
  expect((await serverDevice(server.url, till.device.id)).revoked).toBe(false);
  await page.getByRole('button', { name: `Keep ${tillName}`, exact: true }).click();
  await expect(page.getByRole('button', { name: `Yes, revoke ${tillName}`, exact: true })).toHaveCount(0);
  expect((await serverDevice(server.url, till.device.id)).revoked).toBe(false);

  await page.getByRole('button', { name: `Revoke ${tillName}`, exact: true }).click();
  await page.getByRole('button', { name: `Yes, revoke ${tillName}`, exact: true }).click();
  await expect(row).toContainText('Revoked');
  expect((await serverDevice(server.url, till.device.id)).revoked).toBe(true);
});
