// Lets a spec see which tab holds the push stream and what the server pushed on it: an init script records
// every EventSource a page creates and the order ids its `orders` events carried. Observation only — the
// app's EventSource behaves exactly as the native one.
//
// API (stable): installEventSourceProbe(context)            before the context opens pages
//               openEventStreams(page) → number               open /api/events streams in the page
//               streamedOrderIds(page) → string[]             order ids seen in the page's `orders` events

import type { BrowserContext, Page } from '@playwright/test';

interface ProbeWindow {
  __orderlineEventSources?: EventSource[];
  __orderlineStreamedIds?: string[];
}

export async function installEventSourceProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const NativeEventSource = window.EventSource;
    const probe = window as unknown as ProbeWindow;
    const sources: EventSource[] = [];
    const streamedIds: string[] = [];
    probe.__orderlineEventSources = sources;
    probe.__orderlineStreamedIds = streamedIds;
    window.EventSource = class extends NativeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        sources.push(this);
        this.addEventListener('orders', (event) => {
          const data = JSON.parse((event as MessageEvent<string>).data) as { orders?: { id: string }[] };
          for (const order of data.orders ?? []) streamedIds.push(order.id);
        });
      }
    };
  });
}

export async function openEventStreams(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      ((window as unknown as ProbeWindow).__orderlineEventSources ?? []).filter(
        (source) => source.readyState === EventSource.OPEN && new URL(source.url).pathname === '/api/events',
      ).length,
  );
}

export async function streamedOrderIds(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as unknown as ProbeWindow).__orderlineStreamedIds ?? []).slice());
}
