// The cart: lines with − / + and a note, an optional customer name, the estimated total and
// "Place order" (disabled while empty; Enter in the customer name submits the form too). The lines and the
// totals are in the cart's money chunk (cart-money.ts), loaded after the first paint: a first paint's cart is empty.
import type { MenuResponse } from '../../protocol/menu.ts';
import type { Cart } from '../cart.ts';
import { formatMoney } from '../display-format.ts';
import { useEffect } from 'preact/hooks';
import { afterPaint } from './after-paint.tsx';
import type { CartTotalsProps } from './cart-totals.tsx';
import './cart-totals.css';
import { t } from '../i18n.ts';

// The same limits as protocol/schemas.ts (DESIGN.md: name ≤ 80, item note ≤ 200). Not imported from
// there: that module builds valibot schemas at load time, which would add ~10 KiB gzip to the page.
const CUSTOMER_NAME_MAX = 80;

/**
 * Until the pricing chunk is in (a moment after the first list's paint): an empty cart's total, 0 whatever the
 * menu (no lines, and no discount can be chosen before the picker is there); a cart with lines waits for it.
 */
function TotalsPending({ cart, menu }: CartTotalsProps) {
  return (
    <div class="cart-totals">
      <div class="cart-total">
        <span>{t('totals.estimated')}</span>
        <strong>{cart.lines.length === 0 ? formatMoney(0, menu?.currency ?? null) : ''}</strong>
      </div>
    </div>
  );
}

/** The cart's totals, priced by protocol/pricing.ts (cart-money.ts, loaded after the first paint). */
const CartTotals = afterPaint(() => import('./cart-money.ts').then((m) => m.CartTotals), TotalsPending);
/** The lines with − / + and a note (an empty cart has none). */
const CartLines = afterPaint(() => import('./cart-money.ts').then((m) => m.CartLines));

export interface CartPanelProps {
  cart: Cart;
  currency: string | null;
  /** The menu the cart is priced by (Part 3: taxes and discounts). */
  menu: MenuResponse | null;
  onDiscount: (discount: string | null) => void;
  onQty: (index: number, by: number) => void;
  onNote: (index: number, note: string) => void;
  onCustomer: (name: string) => void;
  onPlace: () => void;
}

export function CartPanel(props: CartPanelProps) {
  const { cart, currency, onQty, onNote, onCustomer, onPlace } = props;
  const empty = cart.lines.length === 0;
  // A line added before the idle moment: its line and totals are fetched now (the cart state has it already).
  useEffect(() => {
    if (!empty) for (const part of [CartLines, CartTotals]) part.load().catch(() => undefined);
  }, [empty]);
  return (
    <section class="panel cart-panel" aria-labelledby="cart-heading">
      <h2 id="cart-heading">{t('cart.heading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!empty) onPlace();
        }}
      >
        {empty ? <p class="empty">{t('cart.empty')}</p> : null}
        <ul class="cart-lines" aria-label={t('cart.label')}>
          <CartLines cart={cart} currency={currency} onQty={onQty} onNote={onNote} />
        </ul>
        <label class="field">
          <span>{t('cart.customer')}</span>
          <input
            type="text"
            name="customer"
            autocomplete="off"
            maxLength={CUSTOMER_NAME_MAX}
            value={cart.customerName}
            onInput={(event) => onCustomer(event.currentTarget.value)}
          />
        </label>
        <CartTotals cart={cart} menu={props.menu} onDiscount={props.onDiscount} />
        <button type="submit" class="primary place-order" disabled={empty}>
          {t('cart.place')}
        </button>
      </form>
    </section>
  );
}
