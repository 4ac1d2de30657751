// The counter cart's money as one chunk, loaded after the first list's paint (an empty cart needs none of it):
// the totals with the discount picker (cart-totals.tsx) and the options dialog, both priced by protocol/pricing.ts.
export { CartTotals } from './cart-totals.tsx';
export { OptionsDialogHost } from './options-dialog-host.tsx';
