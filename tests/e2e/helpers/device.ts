// A "device" is a browser context (its own profile: own SW, IndexedDB, leader tab). These helpers open the
// app on a device and drive the counter screen through the accessible names of DESIGN.md "UI contract".
//
// Every device is paired (DESIGN.md Part 2): newDevice pairs the context with its role, and openApp pairs a
// context that has no device cookie yet as a counter (fault specs and the bench open Playwright's own contexts).
//
// API (stable):
//   newDevice(browser, baseUrl, pair?) → BrowserContext  SW allowed, baseURL set, paired (role `counter` unless
//                                                         `pair` says otherwise; `pair: false` = left unpaired)
//   openApp(page, path?)                                 pair if needed + goto + SW controls the page + first
//                                                         snapshot rendered
//   waitForServiceWorkerControl(page)                    reloads once if the first load stayed uncontrolled
//   counter(page) → locators: activeOrders, rows, row(text), syncStatus, placeOrder, customerName, addButtons
//   scrollToRow(page, text) → Locator                    scrolls the (virtualised) list until that row is
//                                                         rendered; for orders beyond the first screenful
//   placeOrder(page, { customerName, itemCount? }) → { id }   the new row's data-order-id
//   cancelOrder(page, row)                               `Cancel order` on the row, then `Yes, cancel order`
//   recordActiveOrderEvents(page) / readActiveOrderEvents(page)

import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ensurePaired, pairContext, type PairOptions } from './pair-device.ts';

export async function newDevice(
  browser: Browser,
  baseUrl: string,
  pair: PairOptions | false = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, serviceWorkers: 'allow' });
  if (pair !== false) await pairContext(context, baseUrl, pair);
  return context;
}

export interface Counter {
  activeOrders: Locator;
  rows: Locator;
  /** The active-order row whose text contains `text` (tests give every order a unique customer name). */
  row: (text: string) => Locator;
  syncStatus: Locator;
  placeOrder: Locator;
  customerName: Locator;
  addButtons: Locator;
}

export function counter(page: Page): Counter {
  const activeOrders = page.getByRole('list', { name: 'Active orders', exact: true });
  const rows = activeOrders.getByRole('listitem');
  return {
    activeOrders,
    rows,
    row: (text) => rows.filter({ hasText: text }),
    syncStatus: page.getByRole('status', { name: 'Sync status', exact: true }),
    placeOrder: page.getByRole('button', { name: 'Place order', exact: true }),
    customerName: page.getByRole('textbox', { name: 'Customer name', exact: true }),
    // Menu buttons only: the cart's "Add one more <item>" buttons share the prefix.
    addButtons: page.getByRole('button', { name: /^Add (?!one more )/ }),
  };
}

/**
 * The Active orders list renders only the rows on screen (plus a few). Like a person looking for an order, this
 * scrolls the list's scroller (its column, or the page on a narrow screen) from the top, a screenful at a time,
 * until the row whose text contains `text` is rendered, and returns it. Throws when the list ends without it.
 */
export async function scrollToRow(page: Page, text: string): Promise<Locator> {
  const screen = counter(page);
  const row = screen.row(text);
  await expect(screen.activeOrders).toBeAttached();
  const step = (toTop: boolean) =>
    screen.activeOrders.evaluate((list, top) => {
      let scroller: Element | null = list.parentElement;
      while (scroller !== null && !/auto|scroll/.test(getComputedStyle(scroller).overflowY))
        scroller = scroller.parentElement;
      const target = scroller ?? document.scrollingElement ?? document.documentElement;
      if (top) target.scrollTop = 0;
      else target.scrollTop += Math.max(100, target.clientHeight * 0.8);
      return target.scrollTop + target.clientHeight >= target.scrollHeight - 1;
    }, toTop);
  let atEnd = await step(true);
  for (;;) {
    // The virtualiser renders on the scroll event's frame: give it that frame before looking.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    if ((await row.count()) > 0) return row;
    if (atEnd) throw new Error(`no active order row contains "${text}" after scrolling the whole list`);
    atEnd = await step(false);
  }
}

/**
 * Waits until a service worker controls the page. A first visit is legitimately uncontrolled when the worker
 * does not claim clients; one reload after it is active makes the page controlled.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  const controlled = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller !== null) return true;
    // clients.claim() may still be in flight: give controllerchange a moment before reloading.
    return new Promise<boolean>((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
      setTimeout(() => resolve(navigator.serviceWorker.controller !== null), 2_000);
    });
  });
  if (controlled) return;
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'the page is controlled by the service worker after a reload',
    })
    .toBe(true);
}

/** Opens the app and waits until the SW controls it and the first snapshot is on screen. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  // An absolute path (the fault proxy's address) pairs through that origin; a relative one uses baseURL.
  await ensurePaired(page.context(), /^https?:/.test(path) ? path : undefined);
  await page.goto(path);
  await waitForServiceWorkerControl(page);
  await waitForFirstSnapshot(page);
}

/** The first snapshot has rendered once Sync status says Online or Offline and the list exists. */
export async function waitForFirstSnapshot(page: Page): Promise<void> {
  const screen = counter(page);
  await expect(screen.activeOrders).toBeAttached();
  await expect(screen.syncStatus).toContainText(/Online|Offline/);
}

export interface PlacedOrder {
  id: string;
}

/** Composes and places an order from the first `itemCount` menu buttons; returns its row's order id. */
export async function placeOrder(
  page: Page,
  { customerName, itemCount = 1 }: { customerName: string; itemCount?: number },
): Promise<PlacedOrder> {
  const screen = counter(page);
  await page.bringToFront(); // background tabs are throttled to ~1 frame/s
  await screen.customerName.fill(customerName);
  for (let i = 0; i < itemCount; i++) await screen.addButtons.nth(i).click();
  await screen.placeOrder.click();
  const row = screen.row(customerName);
  await expect(row).toHaveCount(1);
  const id = await row.getAttribute('data-order-id');
  if (id === null || id === '') throw new Error(`row for ${customerName} has no data-order-id`);
  return { id };
}

/** Cancels the order of `row`: its `Cancel order` button asks first (a dialog), and this answers yes. */
export async function cancelOrder(page: Page, row: Locator): Promise<void> {
  await row.getByRole('button', { name: 'Cancel order', exact: true }).click();
  await page
    .getByRole('dialog', { name: /^Cancel order/ })
    .getByRole('button', { name: 'Yes, cancel order', exact: true })
    .click();
}

export interface RecordedEvent {
  type: 'activeOrderAdded' | 'activeOrderUpdated' | 'activeOrderRemoved';
  orderId: string;
  /** For updates: the changed status, when the status changed. */
  status?: string;
}

/** Starts recording the app's window events (activeOrderAdded/Updated/Removed) in the page. */
export async function recordActiveOrderEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const store: unknown[] = [];
    (window as unknown as { __orderlineEvents?: unknown[] }).__orderlineEvents = store;
    for (const type of ['activeOrderAdded', 'activeOrderUpdated', 'activeOrderRemoved']) {
      window.addEventListener(type, (event) => {
        const detail = (event as CustomEvent).detail as {
          order?: { id: string; status: string };
          orderId?: string;
          changes?: { status?: string };
        };
        store.push({
          type,
          orderId: detail.order?.id ?? detail.orderId ?? '',
          ...(detail.changes?.status !== undefined ? { status: detail.changes.status } : {}),
        });
      });
    }
  });
}

export async function readActiveOrderEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() =>
    ((window as unknown as { __orderlineEvents?: RecordedEvent[] }).__orderlineEvents ?? []).slice(),
  );
}
