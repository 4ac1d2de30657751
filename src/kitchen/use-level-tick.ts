// Re-renders the Kitchen screen when the next ticket turns warning or late, and only then: levels change a
// few times an hour, so the screen (200 tickets) is not rendered every second for them (timers tick alone).
import { useEffect, useState } from 'preact/hooks';
import type { ClientOrder } from '../../protocol/order.ts';
import { nextLevelChangeAt, type AgeThresholds } from './kitchen-tickets.ts';

export function useLevelTick(tickets: readonly ClientOrder[], thresholds: AgeThresholds): void {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const now = Date.now();
    const at = nextLevelChangeAt(tickets, thresholds, now);
    if (at === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), at - now);
    return () => clearTimeout(timer);
  }, [tickets, thresholds, tick]);
}
