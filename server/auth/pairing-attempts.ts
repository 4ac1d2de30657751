// Counts failed pairing attempts per client: 40-bit codes that live 10 minutes cannot be guessed at
// 10 tries a minute. Fixed one-minute windows, in memory (a restart forgets, which costs a guesser nothing).

export const MAX_FAILED_PAIRINGS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
/** Bounds memory under many client addresses: expired windows are swept once the map is this big. */
const SWEEP_AT = 10_000;

export interface PairingAttempts {
  /** True when this client used up its failures for the current window. */
  blocked(client: string): boolean;
  /**
   * Counts an attempt as failed *before* the awaited code lookup (false = blocked, nothing counted): on
   * PostgreSQL, many concurrent guesses would otherwise all pass the check before any failure is recorded.
   */
  begin(client: string): boolean;
  /** Takes back begin()'s count once the code turned out right. */
  succeeded(client: string): void;
}

export function createPairingAttempts(
  now: () => Date,
  max = MAX_FAILED_PAIRINGS_PER_MINUTE,
): PairingAttempts {
  const windows = new Map<string, { start: number; failures: number }>();

  function current(client: string): { start: number; failures: number } | null {
    const entry = windows.get(client);
    if (!entry || now().getTime() - entry.start >= WINDOW_MS) return null;
    return entry;
  }

  return {
    blocked(client) {
      return (current(client)?.failures ?? 0) >= max;
    },
    begin(client) {
      const entry = current(client);
      if (entry) {
        if (entry.failures >= max) return false;
        entry.failures += 1;
        return true;
      }
      if (windows.size >= SWEEP_AT) {
        const at = now().getTime();
        for (const [key, value] of windows) if (at - value.start >= WINDOW_MS) windows.delete(key);
      }
      windows.set(client, { start: now().getTime(), failures: 1 });
      return true;
    },
    succeeded(client) {
      const entry = current(client);
      if (entry && entry.failures > 0) entry.failures -= 1;
    },
  };
}
