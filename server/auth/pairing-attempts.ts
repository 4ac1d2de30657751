// Counts failed pairing attempts per client: 40-bit codes that live 10 minutes cannot be guessed at
// 10 tries a minute. Fixed one-minute windows, in memory (a restart forgets, which costs a guesser nothing).

export const MAX_FAILED_PAIRINGS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
/** Bounds memory under many client addresses: expired windows are swept once the map is this big. */
const SWEEP_AT = 10_000;

export interface PairingAttempts {
  /** True when this client used up its failures for the current window. */
  blocked(client: string): boolean;
  recordFailure(client: string): void;
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
    recordFailure(client) {
      const entry = current(client);
      if (entry) {
        entry.failures += 1;
        return;
      }
      if (windows.size >= SWEEP_AT) {
        const at = now().getTime();
        for (const [key, value] of windows) if (at - value.start >= WINDOW_MS) windows.delete(key);
      }
      windows.set(client, { start: now().getTime(), failures: 1 });
    },
  };
}
