// The counter's estimate of a new order's price (DESIGN Part 3, principles 18-20), from the draft and the
// cached menu, with protocol/pricing.ts like the server: lines' rates, the discount, tax per rate. The
// server's answer replaces it (estimate -> confirmed). Pure: the menu is handed in, never fetched here.

import type { OrderDraft } from '../protocol/messages.ts';
import type { MenuResponse } from '../protocol/menu.ts';
import type { OrderDiscount, OrderItem, OrderTax } from '../protocol/order.ts';
import { lineTaxRate, menuPricing, priceOrder } from '../protocol/pricing.ts';

export interface OrderEstimate {
  items: OrderItem[];
  subtotalCents: number;
  discount: OrderDiscount | null;
  taxes: OrderTax[];
  totalCents: number;
}

/**
 * Lines keep the page's names, unit prices and options (what the customer was shown); the cached menu
 * gives each line's rate, the tax mode and the discount. Without a menu (a worker that never cached one)
 * the estimate is the Parts 1-2 one: Σ lines, no tax, no discount.
 */
export function estimateOrder(draft: OrderDraft, menu: MenuResponse | null): OrderEstimate {
  const pricing = menu ? menuPricing(menu) : null;
  const byId = menu ? new Map(menu.items.map((item) => [item.id, item])) : null;
  const items: OrderItem[] = draft.items.map(({ menuItemId, qty, note, name, unitPriceCents, options }) => ({
    menuItemId,
    qty,
    note,
    name,
    unitPriceCents,
    options: options ?? [],
    ...(pricing ? { taxRate: lineTaxRate(byId?.get(menuItemId) ?? {}, pricing.taxRates) } : {}),
    lineTotalCents: qty * unitPriceCents,
  }));
  const subtotalCents = items.reduce((sum, item) => sum + (item.lineTotalCents ?? 0), 0);
  if (!pricing) return { items, subtotalCents, discount: null, taxes: [], totalCents: subtotalCents };
  const discount =
    draft.discount === undefined ? null : (pricing.discounts.find((d) => d.id === draft.discount) ?? null);
  const price = priceOrder(
    items.map((item) => ({ lineTotalCents: item.lineTotalCents ?? 0, taxRate: item.taxRate ?? '' })),
    pricing,
    discount,
  );
  return { items, ...price };
}
