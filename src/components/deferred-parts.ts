// The parts of the counter and kitchen screens their first paint does not need, each its own chunk loaded
// after it (after-paint.tsx). Declared here, in the main bundle, so the lazy screens reuse them rather than
// import chunks themselves (a lazy chunk with imports of its own costs the main bundle a shared helper chunk).
import { afterPaint, onDemand } from './after-paint.tsx';
import { t } from '../i18n.ts';

export const PrinterAlerts = afterPaint(() => import('./printer-alerts.tsx').then((m) => m.PrinterAlerts));
export const NeedsAttention = afterPaint(() => import('./needs-attention.tsx').then((m) => m.NeedsAttention));
export const CancelOrderDialog = afterPaint(() =>
  import('./cancel-order-dialog.tsx').then((m) => m.CancelOrderDialog),
);

/** The receipt dialog's chunk, opened by `Receipt` (receipt-button.tsx, itself loaded after the first paint). */
export const loadReceiptDialog = () => import('./receipt-dialog.tsx');

// The counter's money (Part 3): the pay chunk (Pay, Refunds, `Drawer closed`) and the cart's (its totals,
// cart-panel.tsx, and the options dialog), fetched once the first list is painted; a tap before that fetches now.
export const DrawerStatus = afterPaint(() => import('./pay-dialogs.ts').then((m) => m.DrawerStatus));
export const PayDialogHost = onDemand(
  afterPaint(() => import('./pay-dialogs.ts').then((m) => m.PayDialogHost)),
  (error) => t('pay.loadFailed', { error }),
);
export const OptionsDialogHost = onDemand(
  afterPaint(() => import('./cart-money.ts').then((m) => m.OptionsDialogHost)),
  (error) => t('options.loadFailed', { error }),
);
