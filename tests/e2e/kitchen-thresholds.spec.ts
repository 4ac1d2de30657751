// The owner's kitchen thresholds (DESIGN.md Part 2 "Kitchen": warning at 5, late at 10, "the owner can
// change both"): the owner saves new ones on one device; a separate kitchen device states and applies them
// without a reload, and keeps them when it starts offline. The kitchen's clock is Playwright's, so a ticket
// is minutes old without waiting minutes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './helpers/fixtures.ts';
import { placeOrder } from './helpers/device.ts';
import { kitchen, openScreen } from './helpers/kitchen-board.ts';
import { OWNER_AUTH } from './helpers/pair-device.ts';

const DEFAULTS = { kitchenWarningMinutes: 5, kitchenLateMinutes: 10 };

test.afterEach(async ({ server }) => {
  // One server serves every spec of this worker: leave the design's defaults behind.
  const response = await fetch(new URL('/api/settings', server.url), {
    method: 'PUT',
    headers: { ...OWNER_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(DEFAULTS),
  });
  expect(response.status).toBe(200);
});

test('the owner changes the kitchen timers; another kitchen shows and applies them without a reload', async ({
  app,
  device,
  uniqueName,
}) => {
  const kitchenContext = await device({ role: 'kitchen' });
  const kitchenPage = await kitchenContext.newPage();
  await kitchenPage.clock.install();
  await openScreen(kitchenPage, '/kitchen', (page) => kitchen(page).tickets);
  await expect(kitchenPage.getByText('Warning after 5 min, late after 10 min.')).toBeVisible();
  // Only the owner edits them.
  await expect(kitchenPage.getByRole('form', { name: 'Kitchen timers' })).toHaveCount(0);

  const name = uniqueName('Timer');
  const { id } = await placeOrder(app, { customerName: name });
  const ticket = kitchen(kitchenPage).ticket(id);
  await expect(ticket).toHaveAttribute('data-age', 'fresh');
  // Three minutes on: still fresh under the defaults.
  await kitchenPage.clock.fastForward('03:00');
  await expect(ticket).toContainText(/3:0\d/);
  await expect(ticket).toHaveAttribute('data-age', 'fresh');

  const owner = await (await device({ role: 'owner' })).newPage();
  await openScreen(owner, '/kitchen', (page) => kitchen(page).tickets);
  const form = owner.getByRole('form', { name: 'Kitchen timers' });
  const warning = form.getByRole('spinbutton', { name: 'Warning after (minutes)' });
  const late = form.getByRole('spinbutton', { name: 'Late after (minutes)' });
  const save = form.getByRole('button', { name: 'Save kitchen timers' });

  // A warning not before late is refused, with the server's reason in an alert, and changes nothing.
  await warning.fill('6');
  await late.fill('4');
  await save.click();
  await expect(form.getByRole('alert')).toContainText('less than');
  await expect(kitchenPage.getByText('Warning after 5 min, late after 10 min.')).toBeVisible();

  await warning.fill('2');
  await late.fill('4');
  await save.click();
  await expect(form.getByRole('status')).toHaveText('Kitchen timers saved.');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(owner.getByText('Warning after 2 min, late after 4 min.')).toBeVisible();
  const axe = await new AxeBuilder({ page: owner }).include('.kitchen-timers').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // The other device: the new words and the ticket's class, with no reload (within a second of the save).
  await expect(kitchenPage.getByText('Warning after 2 min, late after 4 min.')).toBeVisible({
    timeout: 1_000,
  });
  await expect(ticket).toHaveAttribute('data-age', 'warning', { timeout: 1_000 });
  await expect(ticket).toHaveClass(/\bwarning\b/);
  await expect(ticket).toContainText('Warning');
  // And the level moves on at the new late threshold.
  await kitchenPage.clock.fastForward('01:10');
  await expect(ticket).toHaveAttribute('data-age', 'late');
  await expect(ticket).toHaveClass(/\blate\b/);

  // A kitchen that starts offline uses the settings it was pushed.
  await kitchenContext.setOffline(true);
  await kitchenPage.reload();
  await expect(kitchen(kitchenPage).tickets).toBeAttached();
  await expect(kitchenPage.getByText('Warning after 2 min, late after 4 min.')).toBeVisible();
  await kitchenContext.setOffline(false);
});
