// Entry point: builds the tab's state, renders the counter screen, then connects to the service
// worker and starts leader election. Everything the tab shows comes through src/sw-bridge.ts.
import { render } from 'preact';
import type { ActiveOrderEvents } from '../protocol/messages.ts';
import { playChime } from './chime.ts';
import { App } from './components/app.tsx';
import { DisplayTiming } from './display-timing.ts';
import { startSyncTriggers } from './leader.ts';
import { OrdersStore } from './orders-store.ts';
import { errorMessage, SwBridge } from './sw-bridge.ts';
import { UiState } from './ui-state.ts';
import './styles.css';

const store = new OrdersStore();
const ui = new UiState();
const timing = new DisplayTiming();
const bridge = new SwBridge(store, ui);

render(<App store={store} ui={ui} bridge={bridge} timing={timing} />, document.getElementById('app')!);

window.addEventListener('activeOrderUpdated', (event) => {
  const { changes } = (event as CustomEvent<ActiveOrderEvents['activeOrderUpdated']>).detail;
  if (changes.status === 'ready' && document.visibilityState === 'visible') playChime();
});

async function requestPersistentStorage(): Promise<void> {
  // Ask once: without it the browser may evict the outbox (unsent orders) under storage pressure.
  if (!navigator.storage?.persist || (await navigator.storage.persisted())) return;
  const granted = await navigator.storage.persist();
  if (!granted) console.info('Persistent storage was not granted; the browser may evict offline data.');
}

if (!('serviceWorker' in navigator)) {
  ui.set({ problem: 'This browser cannot run Orderline offline (no service workers).' });
} else {
  bridge.start().then(
    () => startSyncTriggers(bridge, store, (message) => console.warn(message)),
    (error: unknown) => ui.set({ problem: `Orderline could not start: ${errorMessage(error)}` }),
  );
  requestPersistentStorage().catch((error: unknown) => console.warn('storage.persist failed', error));
}
