// Retry timing for the outbox (pure): exponential backoff with jitter, capped, and Retry-After parsing.
// Randomness is injected so tests can pin the jitter.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;
/** A Retry-After beyond this is treated as this: a misconfigured header must not park the outbox for hours. */
export const RETRY_AFTER_MAX_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (1 = first retry): the exponential step (base · 2^(attempt-1), capped)
 * with "equal jitter", i.e. uniformly in [step/2, step]. Jitter spreads devices that failed together.
 */
export function nextBackoffMs(attempt: number, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (r * step) / 2);
}

/** Retry-After as milliseconds from now (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (trimmed === '') return null;
  let ms: number;
  if (/^[0-9]+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS);
}
