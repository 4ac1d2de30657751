// A fixed-window counter per key (e.g. telemetry reports per device per minute), in memory. Keys whose
// window has passed are dropped as others arrive, so a stream of new keys cannot grow it without bound.

export interface WindowCounterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export interface WindowCounter {
  /** Counts one use of `key`; false when the key already used its `limit` in the current window. */
  take(key: string): boolean;
}

export function createWindowCounter({
  limit,
  windowMs,
  now = Date.now,
}: WindowCounterOptions): WindowCounter {
  const windows = new Map<string, { start: number; used: number }>();
  let lastSweep = now();
  return {
    take(key) {
      const at = now();
      if (at - lastSweep >= windowMs) {
        for (const [k, w] of windows) if (at - w.start >= windowMs) windows.delete(k);
        lastSweep = at;
      }
      const current = windows.get(key);
      if (!current || at - current.start >= windowMs) {
        windows.set(key, { start: at, used: 1 });
        return true;
      }
      if (current.used >= limit) return false;
      current.used += 1;
      return true;
    },
  };
}
