// The discount change (DESIGN Part 3, principle 20; #21): the counter sets or removes an active order's
// discount. Like a status move it is applied on this device at once (an estimate from the cached menu with
// protocol/pricing.ts, the module the server prices with), queued per order behind the order's earlier
// changes, sent as a `patch` op, and re-applied on every server answer (merge.ts rebase) until its own lands.

import type { Discount } from '../protocol/menu.ts';
import { isActive, type ClientOrder } from '../protocol/order.ts';
import { menuPricing, priceOrder, type MenuPricing } from '../protocol/pricing.ts';
import { recomputeOrder } from './apply-orders.ts';
import type { EngineContext } from './engine-context.ts';
import { IntentError, menuForEstimate, newEntry, viewOf } from './intents.ts';
import { addOutboxEntry } from './outbox-store.ts';

/** The outbox payload: what the server gets, and what this device needs to show the estimate meanwhile. */
export interface DiscountPayload {
  kind: 'discount';
  /** The preset's id, or null to remove the discount. */
  discount: string | null;
  /** The preset as the cached menu had it; null when removing, or when this device does not know it. */
  preset: Pick<Discount, 'id' | 'name' | 'kind' | 'value'> | null;
  /** The tax rules of the cached menu; null without a cached menu (the totals then wait for the server). */
  pricing: Pick<MenuPricing, 'pricesIncludeTax' | 'taxRates'> | null;
}

/**
 * The order with the discount applied as the server would price it from these lines. The server prices from
 * the order's own menu version; the cached menu is the best this device has, and its answer replaces this.
 */
export function applyDiscountChange(view: ClientOrder, change: DiscountPayload): ClientOrder {
  if (change.pricing === null || (change.discount !== null && change.preset === null)) return view;
  const lines = view.items.map((item) => ({
    lineTotalCents: item.lineTotalCents ?? item.qty * item.unitPriceCents,
    taxRate: item.taxRate ?? '',
  }));
  const price = priceOrder(lines, change.pricing, change.preset);
  const next: ClientOrder = { ...view, ...price };
  // What is still owed follows the new total; what was paid does not change.
  if (view.dueCents !== undefined) next.dueCents = price.totalCents - (view.paidCents ?? 0);
  return next;
}

/** Sets (`discount` = a preset id) or removes (null) an active order's discount; the same again is a no-op. */
export async function setDiscount(
  ctx: EngineContext,
  id: string,
  discount: string | null,
): Promise<ClientOrder> {
  const menu = await menuForEstimate(ctx);
  const pricing = menu ? menuPricing(menu) : null;
  const preset =
    discount === null ? null : (pricing?.discounts.find((candidate) => candidate.id === discount) ?? null);
  return ctx.write(async (tx) => {
    const current = await viewOf(tx, id);
    if (!isActive(current)) {
      throw new IntentError(
        'invalid_request',
        `order ${current.number} is finished: its discount cannot change`,
      );
    }
    if ((current.discount?.id ?? null) === discount) return { result: current };
    const at = new Date(ctx.deps.now()).toISOString();
    const payload: DiscountPayload = {
      kind: 'discount',
      discount,
      preset: preset && { id: preset.id, name: preset.name, kind: preset.kind, value: preset.value },
      pricing: pricing && { pricesIncludeTax: pricing.pricesIncludeTax, taxRates: pricing.taxRates },
    };
    // The add is issued first, so the recompute's reads (issued with it, one round trip) see the new entry.
    const [, { view, change }] = await Promise.all([
      addOutboxEntry(tx, newEntry(ctx, current, payload, at)),
      recomputeOrder(tx, id),
    ]);
    return { result: view ?? current, changes: [change], sync: { storageError: null } };
  });
}
