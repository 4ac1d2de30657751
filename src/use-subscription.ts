// Re-renders a component whenever an observable (OrdersStore, UiState) reports a change — or, given a
// selector, only when the selected value changed (the order list must not re-render for a sync tick).
import { useLayoutEffect, useState } from 'preact/hooks';

interface Observable {
  subscribe(listener: () => void): () => void;
}

export function useSubscription(source: Observable, select?: () => unknown): void {
  const [, setTick] = useState(0);
  // A layout effect subscribes before the first paint, so no change slips between render and subscribe.
  // The selector of the first render is kept: callers pass one that reads only `source`, so it never goes stale.
  useLayoutEffect(() => {
    let seen = select?.();
    const unsubscribe = source.subscribe(() => {
      if (select) {
        const next = select();
        if (Object.is(next, seen)) return;
        seen = next;
      }
      setTick((n) => n + 1);
    });
    setTick((n) => n + 1);
    return unsubscribe;
  }, [source]);
}
