// Drives the real app for the fault suite beyond what tests/e2e/helpers offers: placing orders through the
// page → SW protocol (the path the UI's Place order takes, without the clicks), and reading what the UI shows.
import { expect, type Page } from '@playwright/test';
import type { MenuItem } from '../../../protocol/api.ts';
import type { OrderDraft, PageRequest, Reply } from '../../../protocol/messages.ts';
import type { ClientOrder } from '../../../protocol/order.ts';
import { counter } from '../helpers/device.ts';

export function needsAttention(page: Page) {
  return page.getByRole('list', { name: 'Needs attention', exact: true });
}

/** Sends one page → SW request over a MessageChannel, exactly as src/sw-bridge.ts does. */
export async function askServiceWorker<T>(page: Page, request: PageRequest): Promise<Reply<T>> {
  const reply = await page.evaluate(
    (msg) =>
      new Promise<unknown>((resolve, reject) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return reject(new Error('page is not controlled by a service worker'));
        const channel = new MessageChannel();
        const timer = setTimeout(() => reject(new Error(`no SW reply to ${msg.type} in 15 s`)), 15_000);
        channel.port1.onmessage = (event: MessageEvent) => {
          clearTimeout(timer);
          resolve(event.data);
        };
        controller.postMessage(msg, [channel.port2]);
      }),
    request,
  );
  return reply as Reply<T>;
}

export function draftFor(tag: string, item: MenuItem, menuItemId = item.id): OrderDraft {
  return {
    customerName: tag,
    note: '',
    items: [{ menuItemId, qty: 1, note: '', name: item.name, unitPriceCents: item.priceCents }],
  };
}

/** Places orders through the page → SW protocol, one after another, each awaiting the SW's reply. */
export async function placeViaServiceWorker(page: Page, drafts: OrderDraft[]): Promise<ClientOrder[]> {
  const out: ClientOrder[] = [];
  for (const draft of drafts) {
    const reply = await askServiceWorker<ClientOrder>(page, { v: 1, type: 'create-order', draft });
    if (!reply.ok)
      throw new Error(`create-order refused by the SW: ${reply.error.code} ${reply.error.message}`);
    out.push(reply.value);
  }
  return out;
}

/**
 * What the Active orders list shows. The list is virtualised (only rows on screen are in the DOM), so the
 * rendered ids are a window and `total` is the list's own count (`Active orders N`).
 */
export async function uiActiveView(page: Page): Promise<{ rendered: string[]; total: number }> {
  const rendered = await uiActiveIds(page);
  const count = await page.locator('#active-orders-heading .count').textContent();
  return { rendered, total: Number(count ?? '0') };
}

export async function uiActiveIds(page: Page): Promise<string[]> {
  const ids = await counter(page).rows.evaluateAll((rows) =>
    rows.map((row) => row.getAttribute('data-order-id') ?? ''),
  );
  return ids.sort();
}

export async function syncStatusText(page: Page): Promise<string> {
  return (await counter(page).syncStatus.textContent()) ?? '';
}

/**
 * Kills the context's service workers (CDP ServiceWorker.stopAllWorkers) and waits until one reported
 * "stopped". Unlike waiting for every version to stay stopped, this tolerates the app restarting its
 * worker at once (a tick or a fetch wakes it), which is exactly what a mid-flush kill provokes.
 */
export async function killServiceWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: { runningStatus: string }[] }) => {
      if (event.versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
    });
    await cdp.send('ServiceWorker.enable');
    stopped = false;
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect
      .poll(() => stopped, { message: 'a service worker reported "stopped"', timeout: 10_000 })
      .toBe(true);
  } finally {
    await cdp.detach();
  }
}
