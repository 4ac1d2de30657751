// In-page probe installed before any app script (context.addInitScript). It timestamps, on the page's own
// clock, (a) each click on `Place order` in the capture phase — before the app's handler runs — and (b) the
// first time each active-order row (`[data-order-id]` inside the list named "Active orders") enters the DOM.
// Times are `performance.timeOrigin + performance.now()` so pages on this machine share one clock.
// It only reads the DOM; it never changes what the app does. The bench waits for a row through one call that
// resolves when the probe sees it (`waitRow`), not by polling: a poll every 10–20 ms is a round trip through
// Playwright, the browser process and the page's main thread, landing in the very milliseconds it measures.
import type { Page } from '@playwright/test';

export interface RowSeen {
  t: number;
  text: string;
}

export interface ProbeState {
  clicks: number[];
  rows: Record<string, RowSeen>;
  /** Cold start: navigation-relative ms when the list held `coldTarget` orders (rows on screen in the DOM,
   *  aria-setsize ≥ target), and after the next paint. */
  coldDomMs: number | null;
  coldPaintMs: number | null;
  /** Cold start: navigation-relative ms when the first active row was in the DOM. */
  coldFirstRowMs: number | null;
}

/** What the probe logs once `coldPaintMs` is set (the same text as in `installProbe`). */
export const COLD_PAINTED = 'orderline-bench: cold start painted';

/**
 * Navigates (`navigate`: a reload or a goto) and resolves once the probe logged the cold-start paint, without
 * running anything in the page meanwhile. `page.waitForFunction` would: its first poll evaluates Playwright's
 * injected script (~330 KB, ~17 ms of the page's main thread on these machines), and at a cold start that lands
 * between the load event and the list's paint, so the harness would add its own work to the figure.
 */
export async function waitColdPaint(
  page: Page,
  navigate: () => Promise<unknown>,
  timeoutMs: number,
): Promise<{ paint: number; dom: number; first: number }> {
  const logged = page.waitForEvent('console', {
    predicate: (message) => message.text() === COLD_PAINTED,
    timeout: timeoutMs,
  });
  try {
    await navigate();
  } catch (error) {
    logged.catch(() => undefined);
    throw error;
  }
  await logged;
  // Read after the paint: outside the measured window.
  return page.evaluate(() => {
    const state = window.__bench;
    return {
      paint: state?.coldPaintMs ?? NaN,
      dom: state?.coldDomMs ?? NaN,
      first: state?.coldFirstRowMs ?? NaN,
    };
  });
}

/** A row the bench waits for: by order id, or by text it contains (the unique customer name). */
export type RowMatch = { id: string } | { text: string };

declare global {
  interface Window {
    __bench?: ProbeState;
    /** Resolves with the first row matching, already seen or not; null after `timeoutMs`. */
    __benchWaitRow?: (match: RowMatch, timeoutMs: number) => Promise<{ id: string; seen: RowSeen } | null>;
  }
}

/** The init script. Self-contained: Playwright serialises it into every page of the context. */
export function installProbe(): void {
  // Inside the function: Playwright serialises only its body into the page.
  const COLD_PAINTED_LINE = 'orderline-bench: cold start painted';
  const state: ProbeState = {
    clicks: [],
    rows: {},
    coldDomMs: null,
    coldPaintMs: null,
    coldFirstRowMs: null,
  };
  window.__bench = state;
  const coldTarget = Number(sessionStorage.getItem('bench-cold-target') ?? '0');
  const now = () => performance.timeOrigin + performance.now();

  window.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button !== null && button.textContent?.trim() === 'Place order') state.clicks.push(now());
    },
    { capture: true },
  );

  const listNames = new WeakMap<Element, boolean>();
  const inActiveList = (row: Element): boolean => {
    const list = row.closest('ul,ol,[role="list"]');
    if (list === null) return false;
    const known = listNames.get(list);
    if (known !== undefined) return known;
    let name = list.getAttribute('aria-label');
    const labelledBy = list.getAttribute('aria-labelledby');
    if (name === null && labelledBy !== null) {
      name = labelledBy
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    }
    const isActive = name?.trim() === 'Active orders';
    listNames.set(list, isActive);
    return isActive;
  };

  const matches = (match: RowMatch, id: string, seen: RowSeen): boolean =>
    'id' in match ? match.id === id : seen.text.includes(match.text);
  const waiters = new Set<{
    match: RowMatch;
    resolve: (row: { id: string; seen: RowSeen } | null) => void;
  }>();
  window.__benchWaitRow = (match, timeoutMs) => {
    for (const [id, seen] of Object.entries(state.rows))
      if (matches(match, id, seen)) return Promise.resolve({ id, seen });
    return new Promise((resolve) => {
      const waiter = { match, resolve };
      waiters.add(waiter);
      setTimeout(() => {
        if (waiters.delete(waiter)) resolve(null);
      }, timeoutMs);
    });
  };

  const see = (el: Element, t: number): void => {
    const id = el.getAttribute('data-order-id');
    if (id === null || state.rows[id] !== undefined || !inActiveList(el)) return;
    const seen = { t, text: el.textContent ?? '' };
    state.rows[id] = seen;
    if (coldTarget > 0 && state.coldFirstRowMs === null) state.coldFirstRowMs = t - performance.timeOrigin;
    for (const waiter of waiters) {
      if (!matches(waiter.match, id, seen)) continue;
      waiters.delete(waiter);
      waiter.resolve({ id, seen });
    }
  };

  const observer = new MutationObserver((records) => {
    const t = now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.hasAttribute('data-order-id')) see(node, t);
        for (const row of node.querySelectorAll('[data-order-id]')) see(row, t);
      }
    }
    if (coldTarget > 0 && state.coldDomMs === null) {
      // The list is virtualised: it holds all N orders once its rows say so (aria-setsize), with the rows on
      // screen rendered.
      let count = 0;
      for (const row of document.querySelectorAll('[data-order-id][aria-setsize]'))
        if (inActiveList(row)) count = Math.max(count, Number(row.getAttribute('aria-setsize')));
      if (count >= coldTarget) {
        state.coldDomMs = performance.now();
        // rAF runs before the frame is painted; a message posted from it is handled after that paint.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            state.coldPaintMs = performance.now();
            // The bench waits for this line (`waitColdPaint`) instead of polling the page: a poll's first call
            // evaluates Playwright's ~330 KB injected script on this main thread, inside the measured window.
            console.debug(COLD_PAINTED_LINE);
          };
          channel.port2.postMessage(null);
        });
      }
    }
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-setsize'],
  });
}

export async function readProbe(page: Page): Promise<ProbeState> {
  return page.evaluate(() => {
    const state = window.__bench;
    if (state === undefined) throw new Error('bench probe is not installed in this page');
    return {
      clicks: state.clicks.slice(),
      rows: { ...state.rows },
      coldDomMs: state.coldDomMs,
      coldPaintMs: state.coldPaintMs,
      coldFirstRowMs: state.coldFirstRowMs,
    };
  });
}

/** Waits in the page, without polling, for the first row matching; throws after `timeoutMs`. */
export async function waitRow(
  page: Page,
  match: RowMatch,
  timeoutMs: number,
): Promise<{ id: string; seen: RowSeen }> {
  const row = await page.evaluate(
    ({ match, timeoutMs }) => {
      if (window.__benchWaitRow === undefined) throw new Error('bench probe is not installed in this page');
      return window.__benchWaitRow(match, timeoutMs);
    },
    { match, timeoutMs },
  );
  if (row === null) throw new Error(`no row ${JSON.stringify(match)} within ${timeoutMs} ms`);
  return row;
}
