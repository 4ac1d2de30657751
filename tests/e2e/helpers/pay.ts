// Paying on the counter through the Pay dialog (DESIGN "Screens, part 3"), by its accessible names: `Pay` on the
// row opens `Pay <number>`, a method, `Tendered` / `Tip`, `Confirm payment`; a cash payment's change stays up
// until `Done`.
import { expect, type Locator, type Page } from '@playwright/test';

export interface PayOptions {
  method?: 'cash' | 'card' | 'other';
  /** The `Amount` textbox (a part payment); the whole due when absent. */
  amount?: string;
  tendered?: string;
  tip?: string;
}

export function payDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /^Pay / });
}

/** Pays on `row` (the whole due with `Other` by default) and dismisses the dialog. */
export async function pay(page: Page, row: Locator, options: PayOptions = {}): Promise<void> {
  const method = options.method ?? 'other';
  await row.getByRole('button', { name: 'Pay', exact: true }).click();
  const dialog = payDialog(page);
  await expect(dialog).toBeVisible();
  const label = { cash: 'Cash', card: 'Card', other: 'Other' }[method];
  await dialog.getByRole('button', { name: label, exact: true }).click();
  if (options.amount !== undefined)
    await dialog.getByRole('textbox', { name: 'Amount', exact: true }).fill(options.amount);
  if (options.tendered !== undefined)
    await dialog.getByRole('textbox', { name: 'Tendered', exact: true }).fill(options.tendered);
  if (options.tip !== undefined)
    await dialog.getByRole('textbox', { name: 'Tip', exact: true }).fill(options.tip);
  await dialog.getByRole('button', { name: 'Confirm payment', exact: true }).click();
  if (method === 'cash') await dialog.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(dialog).toHaveCount(0);
}
