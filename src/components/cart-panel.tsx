// The cart: lines with − / + and a note, an optional customer name, the estimated total and
// "Place order" (disabled while empty; Enter in the customer name submits the form too).
import type { MenuResponse } from '../../protocol/menu.ts';
import type { Cart } from '../cart.ts';
import { lineKey } from '../cart.ts';
import { formatMoney } from '../display-format.ts';
import { lineLabel } from '../line-label.ts';
import { useEffect } from 'preact/hooks';
import { afterPaint } from './after-paint.tsx';
import type { CartTotalsProps } from './cart-totals.tsx';
import './cart-totals.css';
import { t } from '../i18n.ts';

// The same limits as protocol/schemas.ts (DESIGN.md: name ≤ 80, item note ≤ 200). Not imported from
// there: that module builds valibot schemas at load time, which would add ~10 KiB gzip to the page.
const CUSTOMER_NAME_MAX = 80;
const ITEM_NOTE_MAX = 200;

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
  // A line added before the idle moment: its totals are fetched now.
  useEffect(() => {
    if (!empty) CartTotals.load().catch(() => undefined);
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
          {cart.lines.map((line, i) => (
            <CartLineView key={lineKey(line)} line={line} index={i} {...{ currency, onQty, onNote }} />
          ))}
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

function CartLineView(props: {
  line: Cart['lines'][number];
  index: number;
  currency: string | null;
  onQty: CartPanelProps['onQty'];
  onNote: CartPanelProps['onNote'];
}) {
  const { line, index: i, currency, onQty, onNote } = props;
  const label = lineLabel(line.name, line.options);
  return (
    <li class="cart-line">
      <div class="cart-line-main">
        <span class="cart-line-name">{label}</span>
        <span class="cart-line-total">{formatMoney(line.qty * line.unitPriceCents, currency)}</span>
      </div>
      <div class="cart-line-edit">
        <span class="qty-controls">
          <button
            type="button"
            aria-label={t('cart.removeOne', { item: label })}
            onClick={() => onQty(i, -1)}
          >
            −
          </button>
          <span class="qty">{line.qty}</span>
          <button type="button" aria-label={t('cart.addOne', { item: label })} onClick={() => onQty(i, 1)}>
            +
          </button>
        </span>
        <input
          type="text"
          class="line-note"
          aria-label={t('cart.noteFor', { item: label })}
          placeholder={t('cart.note')}
          maxLength={ITEM_NOTE_MAX}
          value={line.note}
          onInput={(event) => onNote(i, event.currentTarget.value)}
        />
      </div>
    </li>
  );
}
