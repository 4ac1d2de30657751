// Issue #5: one tab per device holds the push stream; when that tab closes another takes it over and updates
// from other devices keep arriving.
import { counter, openApp, placeOrder } from './helpers/device.ts';
import { installEventSourceProbe, openEventStreams, streamedOrderIds } from './helpers/event-source-probe.ts';
import { expect, test } from './helpers/fixtures.ts';

test('closing the leader tab hands the stream to another tab and updates keep arriving', async ({
  device,
  uniqueName,
}) => {
  const counterDevice = await device();
  await installEventSourceProbe(counterDevice);
  const leader = await counterDevice.newPage();
  await openApp(leader);
  await expect.poll(() => openEventStreams(leader), { message: 'the first tab opens the stream' }).toBe(1);
  const follower = await counterDevice.newPage();
  await openApp(follower);
  expect(await openEventStreams(follower), 'only the leader holds a stream').toBe(0);

  const otherPage = await (await device()).newPage();
  await openApp(otherPage);
  const beforeName = uniqueName('Before handover');
  await placeOrder(otherPage, { customerName: beforeName });
  await expect(counter(follower).row(beforeName)).toHaveCount(1);

  await leader.close();
  await expect.poll(() => openEventStreams(follower), { message: 'the remaining tab takes over' }).toBe(1);

  const afterName = uniqueName('After handover');
  await placeOrder(otherPage, { customerName: afterName });
  await follower.bringToFront();
  const after = counter(follower).row(afterName);
  await expect(after).toContainText('Pending');
  expect(await streamedOrderIds(follower), 'the new leader received it on its stream').toContain(
    await after.getAttribute('data-order-id'),
  );

  await otherPage.bringToFront();
  await counter(otherPage).row(afterName).getByRole('button', { name: 'Start preparing' }).click();
  await follower.bringToFront();
  await expect(counter(follower).row(afterName)).toContainText('Preparing');
});
