// The Pay and Refund dialogs as one chunk: loaded after the counter's first paint (pay-dialog-host.tsx).
export { default as PayDialog } from './pay-dialog.tsx';
export { default as RefundDialog } from './refund-dialog.tsx';
