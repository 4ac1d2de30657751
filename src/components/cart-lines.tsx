// The cart's lines (the counter's cart panel): each with its total, − / + and a note. In the cart's money chunk
// (cart-money.ts), loaded after the first paint; cart-panel.tsx keeps the list element they go in.
import { lineKey, type Cart } from '../cart.ts';
import { formatMoney } from '../display-format.ts';
import { lineLabel } from '../line-label.ts';
import { t } from '../i18n.ts';

// The same limit as protocol/schemas.ts (DESIGN.md: item note ≤ 200); not imported from there (valibot).
const ITEM_NOTE_MAX = 200;

export interface CartLinesProps {
  cart: Cart;
  currency: string | null;
  onQty: (index: number, by: number) => void;
  onNote: (index: number, note: string) => void;
}

/** The `li` of every line, for the cart panel's list. */
export function CartLines({ cart, currency, onQty, onNote }: CartLinesProps) {
  return (
    <>
      {cart.lines.map((line, i) => (
        <CartLineView key={lineKey(line)} line={line} index={i} {...{ currency, onQty, onNote }} />
      ))}
    </>
  );
}

function CartLineView(props: {
  line: Cart['lines'][number];
  index: number;
  currency: string | null;
  onQty: CartLinesProps['onQty'];
  onNote: CartLinesProps['onNote'];
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
