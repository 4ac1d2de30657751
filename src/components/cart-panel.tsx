// The cart: lines with − / + and a note, an optional customer name, the estimated total and
// "Place order" (disabled while empty; Enter in the customer name submits the form too).
import type { Cart } from '../cart.ts';
import { cartTotalCents } from '../cart.ts';
import { formatMoney } from '../display-format.ts';

// The same limits as protocol/schemas.ts (DESIGN.md: name ≤ 80, item note ≤ 200). Not imported from
// there: that module builds valibot schemas at load time, which would add ~10 KiB gzip to the page.
const CUSTOMER_NAME_MAX = 80;
const ITEM_NOTE_MAX = 200;

export interface CartPanelProps {
  cart: Cart;
  currency: string | null;
  onQty: (index: number, by: number) => void;
  onNote: (index: number, note: string) => void;
  onCustomer: (name: string) => void;
  onPlace: () => void;
}

export function CartPanel({ cart, currency, onQty, onNote, onCustomer, onPlace }: CartPanelProps) {
  const empty = cart.lines.length === 0;
  return (
    <section class="panel cart-panel" aria-labelledby="cart-heading">
      <h2 id="cart-heading">New order</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!empty) onPlace();
        }}
      >
        {empty ? <p class="empty">Tap menu items to add them.</p> : null}
        <ul class="cart-lines" aria-label="Cart">
          {cart.lines.map((line, i) => (
            <li class="cart-line" key={line.menuItemId}>
              <div class="cart-line-main">
                <span class="cart-line-name">{line.name}</span>
                <span class="cart-line-total">{formatMoney(line.qty * line.unitPriceCents, currency)}</span>
              </div>
              <div class="cart-line-edit">
                <span class="qty-controls">
                  <button type="button" aria-label={`Remove one ${line.name}`} onClick={() => onQty(i, -1)}>
                    −
                  </button>
                  <span class="qty">{line.qty}</span>
                  <button type="button" aria-label={`Add one more ${line.name}`} onClick={() => onQty(i, 1)}>
                    +
                  </button>
                </span>
                <input
                  type="text"
                  class="line-note"
                  aria-label={`Note for ${line.name}`}
                  placeholder="Note"
                  maxLength={ITEM_NOTE_MAX}
                  value={line.note}
                  onInput={(event) => onNote(i, event.currentTarget.value)}
                />
              </div>
            </li>
          ))}
        </ul>
        <label class="field">
          <span>Customer name</span>
          <input
            type="text"
            name="customer"
            autocomplete="off"
            maxLength={CUSTOMER_NAME_MAX}
            value={cart.customerName}
            onInput={(event) => onCustomer(event.currentTarget.value)}
          />
        </label>
        <div class="cart-total">
          <span>Estimated total</span>
          <strong>{formatMoney(cartTotalCents(cart), currency)}</strong>
        </div>
        <button type="submit" class="primary place-order" disabled={empty}>
          Place order
        </button>
      </form>
    </section>
  );
}
