// The counter screen: header (sync status, chime, diagnostics), menu, cart, active orders and the
// dead letters. Every action becomes an intent to the SW; replies are rendered the moment they arrive.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MenuItem, MenuResponse } from '../../protocol/menu.ts';
import { BROADCAST_CHANNEL, isMenuBroadcast, type DeadLetter } from '../../protocol/messages.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import { addItem, changeQty, EMPTY_CART, setLineNote, toDraft, type Cart } from '../cart.ts';
import type { DisplayTiming } from '../display-timing.ts';
import { loadMenu } from '../menu.ts';
import type { OrdersStore } from '../orders-store.ts';
import { errorMessage, type SwBridge } from '../sw-bridge.ts';
import type { UiState } from '../ui-state.ts';
import { useSubscription } from '../use-subscription.ts';
import { PureActiveOrders } from './active-orders.tsx';
import { CartPanel } from './cart-panel.tsx';
import { ChimeToggle } from './chime-toggle.tsx';
import { DiagnosticsPanel } from './diagnostics-panel.tsx';
import { MenuGrid } from './menu-grid.tsx';
import { NeedsAttention } from './needs-attention.tsx';
import type { OrderAction } from './order-row.tsx';
import { SyncStatusBar } from './sync-status.tsx';
import { UpdatePrompt } from './update-prompt.tsx';

export interface AppProps {
  store: OrdersStore;
  ui: UiState;
  bridge: SwBridge;
  timing: DisplayTiming;
}

function useMenu(): [MenuResponse | null, string | null] {
  const [menu, setMenu] = useState<MenuResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      loadMenu().then(
        (loaded) => {
          // A broadcast may already have brought a newer menu than this (cached) answer.
          setMenu((shown) => (shown && shown.version > loaded.version ? shown : loaded));
          setError(null);
          window.removeEventListener('online', load);
        },
        (reason: unknown) => setError(`Menu unavailable: ${errorMessage(reason)}`),
      );
    // A first visit made offline has no cached menu yet: try again when the network is back.
    window.addEventListener('online', load);
    void load();
    // The SW broadcasts each newly published menu it fetched: every tab shows it without a reload.
    const channel = new BroadcastChannel(BROADCAST_CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (!isMenuBroadcast(event.data)) return;
      const next = event.data.menu;
      setMenu((shown) => (shown && shown.version >= next.version ? shown : next));
      setError(null);
    };
    return () => {
      window.removeEventListener('online', load);
      channel.close();
    };
  }, []);
  return [menu, error];
}

function useHashRoute(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => location.hash === '#diagnostics');
  useEffect(() => {
    const onHash = () => setOpen(location.hash === '#diagnostics');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const toggle = (next: boolean) => {
    history.replaceState(null, '', next ? '#diagnostics' : location.pathname + location.search);
    setOpen(next);
  };
  return [open, toggle];
}

export function App({ store, ui, bridge, timing }: AppProps) {
  useSubscription(ui);
  const [menu, menuError] = useMenu();
  const [cart, setCart] = useState<Cart>(EMPTY_CART);
  const [diagnosticsOpen, setDiagnosticsOpen] = useHashRoute();
  const currency = menu?.currency ?? null;

  const fail = useCallback(
    (what: string, error: unknown) => ui.set({ actionError: `${what}: ${errorMessage(error)}` }),
    [ui],
  );

  const place = () => {
    if (cart.lines.length === 0) return;
    const startedAt = performance.now();
    const placed = cart;
    // The intent goes first; clearing the cart (so the next order can be keyed) re-renders after it.
    bridge.request({ v: 1, type: 'create-order', draft: toDraft(placed, menu?.version) }).then(
      (order) => store.applyReply(order, startedAt),
      (error: unknown) => {
        setCart((current) => (current.lines.length === 0 ? placed : current));
        fail('The order was not placed', error);
      },
    );
    setCart(EMPTY_CART);
    if (ui.fields.actionError !== null) ui.set({ actionError: null });
  };

  const onAction = useCallback(
    (order: ClientOrder, action: OrderAction) => {
      const startedAt = performance.now();
      const request =
        action.kind === 'paid'
          ? bridge.request({ v: 1, type: 'mark-paid', id: order.id })
          : bridge.request({ v: 1, type: 'set-status', id: order.id, status: action.status });
      request.then(
        (updated) => store.applyReply(updated, startedAt),
        (error: unknown) => fail(`Order ${order.number} was not changed`, error),
      );
    },
    [bridge, store, fail],
  );

  const onRetry = (letter: DeadLetter) =>
    bridge
      .request({ v: 1, type: 'retry', mutationId: letter.mutationId })
      .catch((e: unknown) => fail('Retry failed', e));
  const onDiscard = (letter: DeadLetter) =>
    bridge
      .request({ v: 1, type: 'discard', mutationId: letter.mutationId })
      .catch((e: unknown) => fail('Discard failed', e));

  const { updateAvailable, problem, actionError } = ui.fields;
  return (
    <div class="app">
      <header class="top">
        <h1>Orderline</h1>
        <SyncStatusBar store={store} />
        <div class="top-tools">
          <ChimeToggle />
          <button
            type="button"
            aria-expanded={diagnosticsOpen}
            aria-controls={diagnosticsOpen ? 'diagnostics' : undefined}
            onClick={() => setDiagnosticsOpen(!diagnosticsOpen)}
          >
            Diagnostics
          </button>
        </div>
      </header>
      {updateAvailable ? <UpdatePrompt onReload={() => bridge.applyUpdate()} /> : null}
      {problem ? (
        <p class="banner problem" role="alert">
          {problem}
        </p>
      ) : null}
      {actionError ? (
        <p class="banner problem" role="alert">
          {actionError}{' '}
          <button type="button" onClick={() => ui.set({ actionError: null })}>
            Dismiss
          </button>
        </p>
      ) : null}
      {diagnosticsOpen ? <DiagnosticsPanel bridge={bridge} timing={timing} /> : null}
      <main class="layout">
        <MenuGrid
          menu={menu}
          error={menuError}
          onAdd={(item: MenuItem) => setCart((c) => addItem(c, item))}
        />
        <CartPanel
          cart={cart}
          currency={currency}
          onQty={(i, by) => setCart((c) => changeQty(c, i, by))}
          onNote={(i, note) => setCart((c) => setLineNote(c, i, note))}
          onCustomer={(customerName) => setCart((c) => ({ ...c, customerName }))}
          onPlace={place}
        />
        <div class="orders-column">
          <NeedsAttention store={store} onRetry={onRetry} onDiscard={onDiscard} />
          <PureActiveOrders store={store} timing={timing} currency={currency} onAction={onAction} />
        </div>
      </main>
    </div>
  );
}
