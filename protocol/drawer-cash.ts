// A drawer's expected cash (DESIGN.md Part 3, principle 22), in one place for the server's drawer and Z report
// and the device's offline estimate, and the limits both sides check. Pure and dependency-free.

/** A float, a movement or a count is at most 1,000,000.00 in a two-decimal currency. */
export const DRAWER_AMOUNT_MAX = 100_000_000;
export const MOVEMENT_REASON_MAX = 200;

/** The drawer's cash arithmetic, in one place (server and device estimate). */
export function expectedCashCents(parts: {
  floatCents: number;
  cashSalesCents: number;
  cashRefundsCents: number;
  paidInCents: number;
  paidOutCents: number;
}): number {
  return (
    parts.floatCents + parts.cashSalesCents - parts.cashRefundsCents + parts.paidInCents - parts.paidOutCents
  );
}
