// In-page probe installed before any app script (context.addInitScript). It timestamps, on the page's own
// clock, (a) each click on `Place order` in the capture phase — before the app's handler runs — and (b) the
// first time each active-order row (`[data-order-id]` inside the list named "Active orders") enters the DOM.
// Times are `performance.timeOrigin + performance.now()` so pages on this machine share one clock.
// It only reads the DOM; it never changes what the app does.
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

declare global {
  interface Window {
    __bench?: ProbeState;
  }
}

/** The init script. Self-contained: Playwright serialises it into every page of the context. */
export function installProbe(): void {
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

  const see = (el: Element, t: number): void => {
    const id = el.getAttribute('data-order-id');
    if (id === null || state.rows[id] !== undefined || !inActiveList(el)) return;
    state.rows[id] = { t, text: el.textContent ?? '' };
    if (coldTarget > 0 && state.coldFirstRowMs === null) state.coldFirstRowMs = t - performance.timeOrigin;
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

/** The first row whose text contains `marker` (every bench order has a unique customer name). */
export async function findRow(page: Page, marker: string): Promise<{ id: string; seen: RowSeen } | null> {
  return page.evaluate((m) => {
    const rows = window.__bench?.rows ?? {};
    for (const [id, seen] of Object.entries(rows)) if (seen.text.includes(m)) return { id, seen };
    return null;
  }, marker);
}

export async function rowSeenAt(page: Page, id: string): Promise<number | null> {
  return page.evaluate((orderId) => window.__bench?.rows[orderId]?.t ?? null, id);
}
