// The current time as state, ticking every `everyMs`: ticket timers and highlight expiry re-render from it.
import { useEffect, useState } from 'preact/hooks';

export function useClock(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
