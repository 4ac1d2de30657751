// The counter's Part 3 money UI as one chunk, loaded after its first paint (pay-dialog-host.tsx): the Pay and
// Refunds dialogs, the `Drawer closed` status, and the intents they send.
export { default as PayDialog } from './pay-dialog.tsx';
export { default as RefundDialog } from './refund-dialog.tsx';
export { DrawerStatus } from './drawer-status.tsx';
export { pay, refund } from '../payments-bridge.ts';
