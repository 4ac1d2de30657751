// This device's drawer as a live value for the Drawer screen and the counter's `Drawer closed` status: asked
// from the SW once per mount, then kept by its `drawer` broadcasts (last one wins). Offline it is the SW's view.
import { useEffect, useState } from 'preact/hooks';
import type { DrawerView } from '../protocol/messages.ts';
import { getDrawer, subscribeDrawer } from './payments-bridge.ts';
import { errorMessage, type SwBridge } from './sw-bridge.ts';

/** The last view this tab saw: a screen that mounts again shows it at once. */
let lastView: DrawerView | null = null;

export interface DrawerState {
  view: DrawerView | null;
  error: string | null;
  /** An intent's reply: the newest view of the drawer. */
  apply: (view: DrawerView) => void;
}

export function useDrawer(bridge: SwBridge): DrawerState {
  const [view, setView] = useState<DrawerView | null>(lastView);
  const [error, setError] = useState<string | null>(null);
  const apply = (next: DrawerView) => {
    lastView = next;
    setView(next);
    setError(null);
  };
  useEffect(() => {
    let live = true;
    const unsubscribe = subscribeDrawer(bridge, (next) => live && apply(next));
    getDrawer(bridge).then(
      (next) => live && apply(next),
      (reason: unknown) => live && setError(errorMessage(reason)),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge]);
  return { view, error, apply };
}
