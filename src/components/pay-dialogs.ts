// The counter's Part 3 money UI as one chunk, loaded after its first paint (deferred-parts.ts): the Pay and
// Refunds dialogs with their host, the `Drawer closed` status, and the intents they send.
export { PayDialogHost } from './pay-dialog-host.tsx';
export { DrawerStatus } from './drawer-status.tsx';
