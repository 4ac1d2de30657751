// The tab's copy of this device's drawer (principle 22): the last view the worker sent, from a reply or a
// `drawer` broadcast (last one wins). Screens subscribe (src/use-subscription.ts) and read `view`.

import type { DrawerView } from '../protocol/messages.ts';
import type { SwBridge } from './sw-bridge.ts';

export class DrawerStore {
  /** null until the worker first answered. */
  view: DrawerView | null = null;
  /** Bumped on every new view, for subscriptions that compare a version. */
  version = 0;
  private listeners = new Set<() => void>();
  private loading: Promise<DrawerView> | null = null;

  constructor(private readonly bridge: Pick<SwBridge, 'onDrawer'> & { getDrawer(): Promise<DrawerView> }) {
    bridge.onDrawer((view) => this.set(view));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the worker (and, through it, the server) once; later views arrive by themselves. */
  load(): Promise<DrawerView> {
    this.loading ??= this.bridge.getDrawer().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private set(view: DrawerView): void {
    this.view = view;
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
