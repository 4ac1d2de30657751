// How a payment method reads on the money screens (pay, refund, history, report, Z report): one table.
// English only for now; these screens are listed as not yet translated (issue 24).
export const METHOD_WORD = { cash: 'Cash', card: 'Card', other: 'Other' } as const;
