// Issue #5: axe finds no serious or critical accessibility violations on the counter screen (with an order on
// it, so its row and buttons are checked too) and on the Diagnostics view.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { counter, placeOrder } from './helpers/device.ts';
import { expect, test } from './helpers/fixtures.ts';

async function seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      nodes: violation.nodes.map((node) => node.html),
    }));
}

test('the counter screen has no serious or critical axe violations', async ({ app, uniqueName }) => {
  const name = uniqueName('Axe');
  await placeOrder(app, { customerName: name });
  await expect(counter(app).row(name)).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
});

test('the Diagnostics view has no serious or critical axe violations', async ({ app }) => {
  const opener = app
    .getByRole('link', { name: 'Diagnostics', exact: true })
    .or(app.getByRole('button', { name: 'Diagnostics', exact: true }));
  await opener.first().click();
  await expect(app.getByRole('heading', { name: 'Diagnostics', exact: true })).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
});
