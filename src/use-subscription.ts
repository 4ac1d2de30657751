// Re-renders a component whenever an observable (OrdersStore, UiState) reports a change.
import { useLayoutEffect, useState } from 'preact/hooks';

interface Observable {
  subscribe(listener: () => void): () => void;
}

export function useSubscription(source: Observable): void {
  const [, setTick] = useState(0);
  // A layout effect subscribes before the first paint, so no change slips between render and subscribe.
  useLayoutEffect(() => {
    const unsubscribe = source.subscribe(() => setTick((n) => n + 1));
    setTick((n) => n + 1);
    return unsubscribe;
  }, [source]);
}
