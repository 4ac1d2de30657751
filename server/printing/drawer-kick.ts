// When a print opens the cash drawer (ESC p): only a receipt, on a receipt printer set to kick it, for an
// order that took cash (principle 23). Pure, so the rule is tested on its own.

import type { Order } from '../../protocol/order.ts';
import type { PrinterConfig } from '../../protocol/printers.ts';

export function shouldKickDrawer(
  printer: Pick<PrinterConfig, 'kind' | 'drawerKick'>,
  jobKind: 'receipt' | 'kitchen',
  order: Pick<Order, 'payments'>,
): boolean {
  if (jobKind !== 'receipt' || printer.kind !== 'receipt' || !printer.drawerKick) return false;
  return (order.payments ?? []).some((payment) => payment.method === 'cash' && payment.amountCents > 0);
}
