// Entry point: builds the tab's state, renders the app (router and screens), then connects to the service
// worker and starts leader election. Everything the tab shows comes through src/sw-bridge.ts. Never blank:
// without a service worker it says why, and a failure to start is shown, not swallowed.
import { render } from 'preact';
import type { ActiveOrderEvents } from '../protocol/messages.ts';
import { App } from './components/app.tsx';
import { DisplayTiming } from './display-timing.ts';
import { startSyncTriggers } from './leader.ts';
import { OrdersStore } from './orders-store.ts';
import { afterFirstSnapshot } from './components/after-paint.tsx';
import { activate, onLocaleChange, startLocale, t, whenAllWords } from './i18n.ts';
import { errorMessage, SwBridge } from './sw-bridge.ts';
import { UiState } from './ui-state.ts';
import { workerSupport } from './worker-support.ts';
import './styles.css';

const root = document.getElementById('app')!;
/** How long the first render waits for the orders before it shows the screen without them. */
const FIRST_RENDER_WAIT_MS = 250;
const support = workerSupport(window.isSecureContext, 'serviceWorker' in navigator);

/** Plain DOM, so it still works when rendering itself is what failed. */
function showStartFailure(error: unknown): void {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'banner problem';
  message.textContent = `Orderline could not start: ${errorMessage(error)}. Reload the page; if this keeps happening, open /setup.`;
  root.replaceChildren(message);
  console.error('Orderline could not start', error);
}

if (support !== 'ok') {
  // The page came over the network, so its notice (a small chunk of its own) comes the same way.
  import('./no-worker-notice.ts').then(
    ({ showNoWorkerNotice }) => showNoWorkerNotice(root, support),
    showStartFailure,
  );
} else {
  try {
    const store = new OrdersStore();
    const ui = new UiState();
    const timing = new DisplayTiming();
    const bridge = new SwBridge(store, ui);
    // The words come first: the active language's catalogue is its own chunk (precached), loaded before the
    // first render. A change of language re-renders the whole app (keyed by language), without a reload.
    const show = () =>
      render(
        <App key={document.documentElement.lang} store={store} ui={ui} bridge={bridge} timing={timing} />,
        root,
      );
    const words = activate(startLocale());
    // The first render also waits for the orders (at most FIRST_RENDER_WAIT_MS): a screen rendered and laid out
    // without them kept the main thread busy while the answers of the page's IndexedDB read queued behind it,
    // then was laid out again with them. A first visit or a slow read still shows the screen at the limit.
    const orders = Promise.race([
      bridge.firstSnapshot,
      new Promise<void>((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
    ]);
    Promise.all([words, orders]).then(() => {
      show();
      onLocaleChange(show);
      // The other screens' words come once the list is painted (a tap on a dialog asks for them sooner).
      void afterFirstSnapshot().then(whenAllWords);
    }, showStartFailure);
    // Leader election and the push stream start once the worker answered (they talk to it). They are in the
    // main bundle: every counter start needs them for live orders from other devices, so a lazy chunk would
    // only add a request and a second file's gzip overhead.
    bridge.start().then(
      () => startSyncTriggers(bridge, store, (message) => console.warn(message), timing),
      // The words may still be loading when the worker fails (t() needs them): say it once they are in.
      (error: unknown) =>
        void words.then(
          () => ui.set({ problem: t('app.couldNotStart', { error: errorMessage(error) }) }),
          () => undefined, // no words at all: showStartFailure already said so
        ),
    );
    requestPersistentStorage().catch((error: unknown) => console.warn('storage.persist failed', error));
  } catch (error) {
    showStartFailure(error);
  }
}

window.addEventListener('activeOrderUpdated', (event) => {
  const { changes } = (event as CustomEvent<ActiveOrderEvents['activeOrderUpdated']>).detail;
  // The sound is its own chunk (precached): the counter's start does not carry it.
  if (changes.status === 'ready' && document.visibilityState === 'visible')
    void import('./chime.ts').then(({ playChime }) => playChime());
});

async function requestPersistentStorage(): Promise<void> {
  // Ask once: without it the browser may evict the outbox (unsent orders) under storage pressure.
  if (!navigator.storage?.persist || (await navigator.storage.persisted())) return;
  const granted = await navigator.storage.persist();
  if (!granted) console.info('Persistent storage was not granted; the browser may evict offline data.');
}
