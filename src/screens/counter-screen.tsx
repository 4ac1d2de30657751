// The Counter screen (`/`, in the main bundle): menu, cart, active orders and the dead letters. Every action
// becomes an intent to the SW; replies are rendered the moment they arrive.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MenuItem, MenuResponse } from '../../protocol/menu.ts';
import { BROADCAST_CHANNEL, isMenuBroadcast } from '../../protocol/messages.ts';
import type { ClientOrder } from '../../protocol/order.ts';
import { addItem, changeQty, EMPTY_CART, setDiscount, setLineNote, toDraft, type Cart } from '../cart.ts';
import { loadMenu } from '../menu.ts';
import { errorMessage } from '../sw-bridge.ts';
import { PureActiveOrders } from '../components/active-orders.tsx';
import { whenIdle } from '../components/after-paint.tsx';
import {
  CancelOrderDialog,
  DrawerStatus,
  NeedsAttention,
  OptionsDialogHost,
  PayDialogHost,
  PrinterAlerts,
} from '../components/deferred-parts.ts';
import { CartPanel } from '../components/cart-panel.tsx';
import { useSubscription } from '../use-subscription.ts';
import { PureMenuGrid } from '../components/menu-grid.tsx';
import { RowDetails, type OrderAction } from '../components/order-row.tsx';
import type { ScreenProps } from './screen-props.ts';
import { t } from '../i18n.ts';

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
        (reason: unknown) =>
          lastMenu === null && setError(t('menu.unavailable', { error: errorMessage(reason) })),
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
  // The dialogs and a row's details are ready before the first tap on `Cancel order`, `Pay`, `Details`,
  // `Refunds` or an item with options, and offline.
  useEffect(
    () =>
      whenIdle(() => {
        for (const part of [CancelOrderDialog, PayDialogHost, OptionsDialogHost, RowDetails])
          void part.load().catch(() => undefined);
      }),
    [],
  );
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
        fail(t('order.notPlaced'), error);
      },
    );
    setCart(EMPTY_CART);
    if (ui.fields.actionError !== null) ui.set({ actionError: null });
  };

  const send = useCallback(
    (order: ClientOrder, action: Extract<OrderAction, { kind: 'status' | 'discount' }>) => {
      const startedAt = performance.now();
      const request =
        action.kind === 'discount'
          ? bridge.request({ v: 1, type: 'set-discount', id: order.id, discount: action.discount })
          : bridge.request({ v: 1, type: 'set-status', id: order.id, status: action.status });
      request.then(
        (updated) => store.applyReply(updated, startedAt),
        (error: unknown) => fail(t('order.notChanged', { number: order.number }), error),
      );
    },
    [bridge, store, fail],
  );

  // Part 3: `Pay` opens the Pay dialog, the owner's `Refunds` the Refund dialog (one lazy chunk, after paint).
  useSubscription(store, () => store.sync?.device?.role);
  const canRefund = store.sync?.device?.role === 'owner';
  const [paying, setPaying] = useState<{
    orderId: string;
    kind: 'pay' | 'refund';
    opener: HTMLElement | null;
  } | null>(null);
  const closePay = useCallback(() => setPaying(null), []);

  // `Cancel order` asks first (cancel-order-dialog.tsx); status moves go at once.
  const [cancelling, setCancelling] = useState<string | null>(null);
  const onAction = useCallback(
    (order: ClientOrder, action: OrderAction) => {
      if (action.kind === 'pay' || action.kind === 'refund') {
        const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setPaying({ orderId: order.id, kind: action.kind, opener });
      } else if (action.kind === 'status' && action.status === 'cancelled') setCancelling(order.id);
      else send(order, action);
    },
    [send],
  );
  const confirmCancel = useCallback(
    (order: ClientOrder) => send(order, { kind: 'status', status: 'cancelled' }),
    [send],
  );
  const closeCancel = useCallback(() => setCancelling(null), []);

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
        <DrawerStatus bridge={bridge} />
        <PrinterAlerts />
        <NeedsAttention store={store} bridge={bridge} onError={fail} />
        <PureActiveOrders
          store={store}
          timing={timing}
          currency={currency}
          discounts={menu?.discounts}
          onAction={onAction}
          canRefund={canRefund}
        />
      </div>
      {paying === null ? null : (
        <PayDialogHost
          key={`${paying.kind}-${paying.orderId}`}
          store={store}
          orderId={paying.orderId}
          kind={paying.kind}
          currency={currency}
          opener={paying.opener}
          bridge={bridge}
          onError={fail}
          onClose={closePay}
        />
      )}
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
