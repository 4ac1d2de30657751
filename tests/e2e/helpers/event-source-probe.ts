// Lets a spec see which tab holds the push stream: an init script records every EventSource a page creates.
// Observation only — the app's EventSource behaves exactly as the native one.
//
// API (stable): installEventSourceProbe(context), openEventStreams(page) → number of open /api/events streams

import type { BrowserContext, Page } from '@playwright/test';

interface ProbeWindow {
  __orderlineEventSources?: EventSource[];
}

export async function installEventSourceProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const NativeEventSource = window.EventSource;
    const seen: EventSource[] = [];
    (window as unknown as ProbeWindow).__orderlineEventSources = seen;
    window.EventSource = class extends NativeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        seen.push(this);
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
