// The cart's money: discount picker (the menu's active presets), subtotal, discount, tax per rate (when
// prices exclude tax) and the estimated total, all from protocol/pricing.ts on the cached menu, the same
// arithmetic the server confirms with. Loaded after the first paint (cart-money.ts; its styles: cart-panel.tsx).
import { Fragment } from 'preact';
import type { MenuResponse } from '../../protocol/menu.ts';
import { lineTaxRate, menuPricing, priceOrder, type OrderPrice } from '../../protocol/pricing.ts';
import type { Cart } from '../cart.ts';
import { formatMoney } from '../display-format.ts';
import { intlLocale, t } from '../i18n.ts';

/** The cart priced by the menu it was composed from (no menu yet: the plain line sum, untaxed). */
export function estimateCart(cart: Cart, menu: MenuResponse | null): OrderPrice {
  const pricing = menuPricing(menu ?? {});
  const items = new Map((menu?.items ?? []).map((item) => [item.id, item]));
  const lines = cart.lines.map((line) => ({
    lineTotalCents: line.qty * line.unitPriceCents,
    taxRate: lineTaxRate(items.get(line.menuItemId) ?? {}, pricing.taxRates),
  }));
  const discount = pricing.discounts.find((preset) => preset.id === cart.discount) ?? null;
  return priceOrder(lines, pricing, discount);
}

export interface CartTotalsProps {
  cart: Cart;
  menu: MenuResponse | null;
  onDiscount: (discount: string | null) => void;
}

function percent(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString(intlLocale(), { maximumFractionDigits: 2 })} %`;
}

export function CartTotals({ cart, menu, onDiscount }: CartTotalsProps) {
  const currency = menu?.currency ?? null;
  const pricing = menuPricing(menu ?? {});
  const price = estimateCart(cart, menu);
  const showTax = !pricing.pricesIncludeTax && price.taxes.length > 0;
  const detailed = price.discount !== null || showTax;
  return (
    <div class="cart-totals">
      {pricing.discounts.length > 0 ? (
        <label class="field cart-discount">
          <span>{t('totals.discount')}</span>
          <select
            value={cart.discount ?? ''}
            onChange={(event) => onDiscount(event.currentTarget.value || null)}
          >
            <option value="">{t('totals.noDiscount')}</option>
            {pricing.discounts.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {detailed ? (
        <dl class="cart-breakdown">
          <dt>{t('totals.subtotal')}</dt>
          <dd>{formatMoney(price.subtotalCents, currency)}</dd>
          {price.discount ? (
            <>
              <dt>{price.discount.name}</dt>
              <dd>−{formatMoney(price.discount.amountCents, currency)}</dd>
            </>
          ) : null}
          {showTax
            ? price.taxes.map((tax) => (
                <Fragment key={tax.rate}>
                  <dt>
                    {tax.name} {percent(tax.rateBasisPoints)}
                  </dt>
                  <dd>{formatMoney(tax.taxCents, currency)}</dd>
                </Fragment>
              ))
            : null}
        </dl>
      ) : null}
      <div class="cart-total">
        <span>{t('totals.estimated')}</span>
        <strong>{formatMoney(price.totalCents, currency)}</strong>
      </div>
    </div>
  );
}
