// How long a printer's worker waits before trying again after a failure (principle 23): 1 s, doubling,
// at most 30 s. The wait is cut short as soon as the printer answers again (printer-worker.ts probes).

export const PRINT_RETRY_FIRST_MS = 1000;
export const PRINT_RETRY_MAX_MS = 30_000;

/** The wait after `failures` consecutive failures (1 → 1 s, 2 → 2 s, … capped). */
export function nextPrintRetryMs(
  failures: number,
  firstMs = PRINT_RETRY_FIRST_MS,
  maxMs = PRINT_RETRY_MAX_MS,
): number {
  const exponent = Math.max(0, Math.min(failures - 1, 16));
  return Math.min(maxMs, firstMs * 2 ** exponent);
}
