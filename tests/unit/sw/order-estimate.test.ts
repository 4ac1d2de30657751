// The counter's estimate of a new order (sw/order-estimate.ts, via create-order): subtotal, discount and
// tax per rate from the cached menu with protocol/pricing.ts, the outbox body carrying options and the
// discount, the server's answer replacing the estimate, and a cold worker reading the cached menu once.

import { afterEach, describe, expect, it } from 'vitest';
import type { MenuResponse } from '../../../protocol/menu.ts';
import type { OrderDraft } from '../../../protocol/messages.ts';
import { createMenuMemory } from '../../../sw/menu-memory.ts';
import { estimateOrder } from '../../../sw/order-estimate.ts';
import { createHarness, type FetchHandler, type Harness } from './engine-harness.ts';
import { createFakeApi } from './fake-api.ts';

const MENU: MenuResponse = {
  version: 7,
  currency: 'EUR',
  categories: [{ id: 'coffee', name: 'Coffee' }],
  items: [
    {
      id: 'latte',
      name: 'Latte',
      priceCents: 390,
      category: 'coffee',
      available: true,
      optionGroups: ['milk'],
      taxRate: 'standard',
    },
    {
      id: 'croissant',
      name: 'Croissant',
      priceCents: 280,
      category: 'coffee',
      available: true,
      taxRate: 'reduced',
    },
  ],
  pricesIncludeTax: false,
  taxRates: [
    { id: 'standard', name: 'Standard', rateBasisPoints: 1900 },
    { id: 'reduced', name: 'Reduced', rateBasisPoints: 700 },
  ],
  optionGroups: [
    {
      id: 'milk',
      name: 'Milk',
      min: 0,
      max: 1,
      options: [{ id: 'oat', name: 'Oat milk', priceDeltaCents: 50, available: true }],
    },
  ],
  discounts: [{ id: 'staff', name: 'Staff', kind: 'percent', value: 2000 }],
};

const DRAFT: OrderDraft = {
  customerName: 'Ada',
  note: '',
  menuVersion: 7,
  discount: 'staff',
  items: [
    {
      menuItemId: 'latte',
      qty: 2,
      note: '',
      name: 'Latte',
      unitPriceCents: 440,
      options: [{ group: 'milk', option: 'oat', name: 'Oat milk', priceDeltaCents: 50 }],
    },
    { menuItemId: 'croissant', qty: 1, note: '', name: 'Croissant', unitPriceCents: 280 },
  ],
};

describe('estimateOrder', () => {
  it('prices the draft like the server: lines, discount shared across rates, tax per rate', () => {
    const estimate = estimateOrder(DRAFT, MENU);
    // 880 + 280 = 1160; staff 20 % = 232, shared 880:280 → 176 and 56.
    // standard: 704 net, tax round(133.76) = 134; reduced: 224 net, tax round(15.68) = 16.
    expect(estimate.subtotalCents).toBe(1160);
    expect(estimate.discount).toEqual({ id: 'staff', name: 'Staff', amountCents: 232 });
    expect(estimate.taxes.map((tax) => [tax.rate, tax.netCents, tax.taxCents, tax.grossCents])).toEqual([
      ['standard', 704, 134, 838],
      ['reduced', 224, 16, 240],
    ]);
    expect(estimate.totalCents).toBe(1078);
    expect(estimate.items[0]).toMatchObject({
      taxRate: 'standard',
      lineTotalCents: 880,
      options: DRAFT.items[0]!.options,
    });
  });

  it('without a cached menu it is the Parts 1-2 estimate: Σ lines, no tax, no discount', () => {
    const estimate = estimateOrder(DRAFT, null);
    expect(estimate).toMatchObject({ subtotalCents: 1160, discount: null, taxes: [], totalCents: 1160 });
  });
});

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('create-order with the cached menu', () => {
  it('shows the estimate at once offline and queues options and the discount in the create body', async () => {
    const api = createFakeApi();
    const bodies: unknown[] = [];
    const handler: FetchHandler = async (request) => {
      if (request.method === 'POST') bodies.push(request.body);
      return api.handler(request);
    };
    h = createHarness(handler, { pricingMenu: () => MENU });
    api.down = true;
    const order = await h.request({ v: 1, type: 'create-order', draft: DRAFT });
    expect(order).toMatchObject({
      syncState: 'waiting',
      subtotalCents: 1160,
      discount: { id: 'staff', amountCents: 232 },
      totalCents: 1078,
      dueCents: 1078,
      payments: [],
      menuVersion: 7,
    });
    api.down = false;
    await h.request({ v: 1, type: 'sync-now', reason: 'online' });
    await h.engine.settled();
    const sent = JSON.stringify(bodies);
    expect(sent).toContain('"options":[{"group":"milk","option":"oat"}]');
    expect(sent).toContain('"discount":"staff"');
    // The croissant line carries no options key at all (a Parts 1-2 body).
    expect(sent).toContain('{"menuItemId":"croissant","qty":1,"note":""}');
    // The server's answer replaces the estimate.
    const snapshot = await h.request({ v: 1, type: 'hello' });
    expect(snapshot.orders[0]).toMatchObject({ syncState: 'saved', totalCents: 1200 });
    expect(h.errors).toEqual([]);
  });
});

describe('menu memory', () => {
  it('reads the cached menu once when cold, then answers from memory; a newer stored version replaces it', async () => {
    let reads = 0;
    const memory = createMenuMemory(async () => {
      reads += 1;
      return MENU;
    });
    expect(await memory.current()).toBe(MENU);
    expect(memory.current()).toBe(MENU);
    expect(reads).toBe(1);
    memory.remember({ ...MENU, version: 6 });
    expect(memory.current()).toBe(MENU);
    const newer = { ...MENU, version: 8 };
    memory.remember(newer);
    expect(memory.current()).toBe(newer);
  });
});
