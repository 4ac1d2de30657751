// The counter cart's money as one chunk, loaded after the first list's paint (an empty cart needs none of it):
// its lines (cart-lines.tsx), the totals with the discount picker (cart-totals.tsx) and the options dialog, both
// priced by protocol/pricing.ts.
export { CartLines } from './cart-lines.tsx';
export { CartTotals } from './cart-totals.tsx';
export { OptionsDialogHost } from './options-dialog-host.tsx';
