// What every screen receives from the app shell: the tab's stores and its door to the service worker.
import type { DisplayTiming } from '../display-timing.ts';
import type { OrdersStore } from '../orders-store.ts';
import type { SwBridge } from '../sw-bridge.ts';
import type { UiState } from '../ui-state.ts';

export interface ScreenProps {
  store: OrdersStore;
  ui: UiState;
  bridge: SwBridge;
  timing: DisplayTiming;
}
