// The parts of the counter and kitchen screens their first paint does not need, each its own chunk loaded
// after it (after-paint.tsx). Declared here, in the main bundle, so the lazy screens reuse them rather than
// import chunks themselves (a lazy chunk with imports of its own costs the main bundle a shared helper chunk).
import { afterPaint } from './after-paint.tsx';

export const PrinterAlerts = afterPaint(() => import('./printer-alerts.tsx').then((m) => m.PrinterAlerts));
export const NeedsAttention = afterPaint(() => import('./needs-attention.tsx').then((m) => m.NeedsAttention));
export const CancelOrderDialog = afterPaint(() =>
  import('./cancel-order-dialog.tsx').then((m) => m.CancelOrderDialog),
);

/** The receipt dialog's chunk, opened by `Receipt` (receipt-button.tsx, itself loaded after the first paint). */
export const loadReceiptDialog = () => import('./receipt-dialog.tsx');
