// The Counter screen (`/`, in the main bundle): menu, cart, active orders and the dead letters. Every action
// becomes an intent to the SW; replies are rendered the moment they arrive.
import { PrinterAlerts } from '../components/printer-alerts.tsx';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MenuItem, MenuResponse } from '../../protocol/menu.ts';
import { BROADCAST_CHANNEL, isMenuBroadcast, type DeadLetter } from '../../protocol/messages.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import { addItem, changeQty, EMPTY_CART, setDiscount, setLineNote, toDraft, type Cart } from '../cart.ts';
import { loadMenu } from '../menu.ts';
import { errorMessage } from '../sw-bridge.ts';
import { PureActiveOrders } from '../components/active-orders.tsx';
import { CancelOrderDialog } from '../components/cancel-order-dialog.tsx';
import { CartPanel } from '../components/cart-panel.tsx';
import { OptionsDialogHost, preloadOptionsDialog } from '../components/options-dialog-host.tsx';
import { PureMenuGrid } from '../components/menu-grid.tsx';
import { NeedsAttention } from '../components/needs-attention.tsx';
import type { OrderAction } from '../components/order-row.tsx';
import type { ScreenProps } from './screen-props.ts';

/** The last menu this tab loaded: coming back to the Counter (or a remount) shows it at once, offline too. */
let lastMenu: MenuResponse | null = null;

function useMenu(): [MenuResponse | null, string | null] {
  const [menu, setMenu] = useState<MenuResponse | null>(lastMenu);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      loadMenu().then(
        (loaded) => {
          // A broadcast may already have brought a newer menu than this (cached) answer.
          if (lastMenu === null || loaded.version >= lastMenu.version) lastMenu = loaded;
          setMenu(lastMenu);
          setError(null);
          window.removeEventListener('online', load);
        },
        // With a menu already shown, a failed refresh keeps it (the SW retries when the network is back).
        (reason: unknown) => lastMenu === null && setError(`Menu unavailable: ${errorMessage(reason)}`),
      );
    // A first visit made offline has no cached menu yet: try again when the network is back.
    window.addEventListener('online', load);
    void load();
    // The SW broadcasts each newly published menu it fetched: every tab shows it without a reload.
    const channel = new BroadcastChannel(BROADCAST_CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (!isMenuBroadcast(event.data)) return;
      const next = event.data.menu;
      if (lastMenu !== null && lastMenu.version >= next.version) return;
      lastMenu = next;
      setMenu(next);
      setError(null);
    };
    return () => {
      window.removeEventListener('online', load);
      channel.close();
    };
  }, []);
  return [menu, error];
}

export function CounterScreen({ store, ui, bridge, timing }: ScreenProps) {
  const [menu, menuError] = useMenu();
  const [cart, setCart] = useState<Cart>(EMPTY_CART);
  const currency = menu?.currency ?? null;

  // Part 3: an item with option groups opens the options dialog (its chunk loads after the first paint).
  const [choosing, setChoosing] = useState<{ item: MenuItem; opener: HTMLElement | null } | null>(null);
  useEffect(preloadOptionsDialog, []);
  // Stable, so the menu grid (PureMenuGrid) skips the re-render each cart change brings.
  const onAdd = useCallback((item: MenuItem) => {
    if ((item.optionGroups ?? []).length > 0) {
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setChoosing({ item, opener });
    } else setCart((c) => addItem(c, item));
  }, []);

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

  const send = useCallback(
    (order: ClientOrder, action: OrderAction) => {
      const startedAt = performance.now();
      const request =
        action.kind === 'paid'
          ? bridge.request({ v: 1, type: 'mark-paid', id: order.id })
          : action.kind === 'discount'
            ? bridge.request({ v: 1, type: 'set-discount', id: order.id, discount: action.discount })
            : bridge.request({ v: 1, type: 'set-status', id: order.id, status: action.status });
      request.then(
        (updated) => store.applyReply(updated, startedAt),
        (error: unknown) => fail(`Order ${order.number} was not changed`, error),
      );
    },
    [bridge, store, fail],
  );
  // `Cancel order` asks first (cancel-order-dialog.tsx); every other action goes at once.
  const [cancelling, setCancelling] = useState<string | null>(null);
  const onAction = useCallback(
    (order: ClientOrder, action: OrderAction) => {
      if (action.kind === 'status' && action.status === 'cancelled') setCancelling(order.id);
      else send(order, action);
    },
    [send],
  );
  const confirmCancel = useCallback(
    (order: ClientOrder) => send(order, { kind: 'status', status: 'cancelled' }),
    [send],
  );
  const closeCancel = useCallback(() => setCancelling(null), []);

  const onRetry = (letter: DeadLetter) =>
    bridge
      .request({ v: 1, type: 'retry', mutationId: letter.mutationId })
      .catch((e: unknown) => fail('Retry failed', e));
  const onDiscard = (letter: DeadLetter) =>
    bridge
      .request({ v: 1, type: 'discard', mutationId: letter.mutationId })
      .catch((e: unknown) => fail('Discard failed', e));

  return (
    <main class="layout">
      <PureMenuGrid menu={menu} error={menuError} onAdd={onAdd} />
      <CartPanel
        cart={cart}
        currency={currency}
        menu={menu}
        onDiscount={(discount) => setCart((c) => setDiscount(c, discount))}
        onQty={(i, by) => setCart((c) => changeQty(c, i, by))}
        onNote={(i, note) => setCart((c) => setLineNote(c, i, note))}
        onCustomer={(customerName) => setCart((c) => ({ ...c, customerName }))}
        onPlace={place}
      />
      {choosing ? (
        <OptionsDialogHost
          key={choosing.item.id}
          item={choosing.item}
          groups={menu?.optionGroups ?? []}
          currency={currency}
          opener={choosing.opener}
          onAdd={(priced) => {
            setCart((c) => addItem(c, choosing.item, priced));
            setChoosing(null);
          }}
          onClose={() => setChoosing(null)}
        />
      ) : null}
      <div class="orders-column">
        <PrinterAlerts />
        <NeedsAttention store={store} onRetry={onRetry} onDiscard={onDiscard} />
        <PureActiveOrders
          store={store}
          timing={timing}
          currency={currency}
          discounts={menu?.discounts}
          onAction={onAction}
        />
      </div>
      {cancelling === null ? null : (
        <CancelOrderDialog
          store={store}
          orderId={cancelling}
          currency={currency}
          onConfirm={confirmCancel}
          onClose={closeCancel}
        />
      )}
    </main>
  );
}
