// One ticking clock shared by every ticket timer on the Kitchen screen: one interval, whatever the number of
// tickets, and it runs only while some timer listens. Timers subscribe to it themselves, so a tick re-renders
// the timers' text and never the tickets around them.

export interface TicketClock {
  now(): number;
  /** `listener` is called on every tick; returns an unsubscribe. */
  subscribe(listener: (nowMs: number) => void): () => void;
}

export function createTicketClock(everyMs: number, readNow: () => number = Date.now): TicketClock {
  const listeners = new Set<(nowMs: number) => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const tick = () => {
    const nowMs = readNow();
    for (const listener of listeners) listener(nowMs);
  };
  return {
    now: readNow,
    subscribe(listener) {
      listeners.add(listener);
      timer ??= setInterval(tick, everyMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
}
