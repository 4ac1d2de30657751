// Virtualises the Active orders list with @tanstack/virtual-core: only the rows on screen (plus a few) are in
// the DOM, so a cold start with 10,000 orders costs what one with 30 does. The list scrolls with whatever
// scrolls it (its column on a tablet, the page on a phone); spacer padding stands in for the rows not rendered.
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  observeWindowOffset,
  observeWindowRect,
  windowScroll,
  type VirtualItem,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

type Scroller = Element | Window;

/** A row's height before it is measured (a compact two-line order row with its margin, about 80 px). */
const ESTIMATED_ROW_PX = 80;
/** Rows rendered beyond each edge of the viewport, so a fast scroll rarely shows blank space. */
const OVERSCAN = 4;
/** Heights of orders no longer listed that may pile up before all heights are forgotten and re-measured. */
const SIZE_CACHE_SLACK = 200;

/** The nearest ancestor that scrolls vertically, or the window when the page itself scrolls. */
function scrollParentOf(element: Element): Scroller {
  for (let node = element.parentElement; node !== null; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return node;
  }
  return window;
}

/** Where the list starts inside its scroller's content: the virtualiser's offsets start there. */
function listOffsetIn(list: Element, scroller: Scroller): number {
  const top = list.getBoundingClientRect().top;
  return scroller instanceof Window
    ? top + scroller.scrollY
    : top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

/** Rows are spaced by a bottom margin (the same on every row): read once, as reading styles forces a layout. */
let rowMarginPx: number | null = null;

/**
 * Border box plus the row's bottom margin. The ResizeObserver's entry carries the border box, so a resized row
 * is measured without forcing a layout; only a row's first measurement reads the layout.
 */
function measureRow(element: Element, entry: ResizeObserverEntry | undefined): number {
  rowMarginPx ??= parseFloat(getComputedStyle(element).marginBottom) || 0;
  const box = entry?.borderBoxSize?.[0];
  return (box ? box.blockSize : element.getBoundingClientRect().height) + rowMarginPx;
}

export interface VirtualRows {
  items: VirtualItem[];
  /** Space above the first and below the last rendered row. */
  paddingTop: number;
  paddingBottom: number;
}

/**
 * Keys are order ids, so a measured height follows its order when new orders arrive above it. After each
 * commit, the rendered `<li>`s (children of `listRef`, in order) get their position in the set and are measured.
 */
export function useVirtualRows(
  ids: readonly string[],
  listRef: RefObject<HTMLUListElement | null>,
): VirtualRows {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const scrollerRef = useRef<Scroller | null>(null);
  /** The order ids whose heights the virtualiser holds (it does not say; see the bound below). */
  const measuredKeys = useRef(new Set<string>());
  const [virtualizer] = useState(
    () =>
      new Virtualizer<Scroller, Element>({
        count: ids.length,
        getScrollElement: () => scrollerRef.current,
        estimateSize: () => ESTIMATED_ROW_PX,
        overscan: OVERSCAN,
        // Before the scroller is known (the first render), assume a window-tall viewport at the top.
        initialRect: { width: window.innerWidth, height: window.innerHeight },
        scrollToFn: (offset, options, instance) =>
          instance.scrollElement instanceof Window
            ? windowScroll(offset, options, instance as Virtualizer<Window, Element>)
            : elementScroll(offset, options, instance as Virtualizer<Element, Element>),
        observeElementRect: (instance, cb) =>
          instance.scrollElement instanceof Window
            ? observeWindowRect(instance as Virtualizer<Window, Element>, cb)
            : observeElementRect(instance as Virtualizer<Element, Element>, cb),
        observeElementOffset: (instance, cb) =>
          instance.scrollElement instanceof Window
            ? observeWindowOffset(instance as Virtualizer<Window, Element>, cb)
            : observeElementOffset(instance as Virtualizer<Element, Element>, cb),
        measureElement: measureRow,
        onChange: () => rerender(0),
      }),
  );
  virtualizer.setOptions({
    ...virtualizer.options,
    count: ids.length,
    getItemKey: (index) => ids[index]!,
  });

  // Mount once: find the scroller, then let the virtualiser observe its size and scroll position.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list === null) return;
    const resolve = () => {
      const scroller = scrollParentOf(list);
      const margin = listOffsetIn(list, scroller);
      if (scroller !== scrollerRef.current || margin !== virtualizer.options.scrollMargin) {
        scrollerRef.current = scroller;
        virtualizer.setOptions({ ...virtualizer.options, scrollMargin: margin });
        virtualizer._willUpdate();
        rerender(0);
      }
    };
    resolve();
    const unmount = virtualizer._didMount();
    // The layout switches between page and column scrolling at a width breakpoint.
    window.addEventListener('resize', resolve);
    return () => {
      window.removeEventListener('resize', resolve);
      unmount();
    };
  }, []);

  // After every commit: number the rendered rows for assistive technology, and measure the rows new to the
  // DOM (the virtualiser's ResizeObserver follows the others). This runs on the click → row path, so it
  // writes only attributes that changed and forces no layout for rows already measured.
  useLayoutEffect(() => {
    virtualizer._willUpdate();
    const list = listRef.current;
    if (list === null) return;
    const items = virtualizer.getVirtualItems();
    const setSize = String(ids.length);
    let i = 0;
    for (const row of list.children) {
      const item = items[i++];
      if (item === undefined) break;
      const index = String(item.index);
      if (row.getAttribute('data-index') !== index) {
        row.setAttribute('data-index', index);
        row.setAttribute('aria-posinset', String(item.index + 1));
      }
      if (row.getAttribute('aria-setsize') !== setSize) row.setAttribute('aria-setsize', setSize);
      if (virtualizer.elementsCache.get(item.key) !== row) {
        virtualizer.measureElement(row);
        measuredKeys.current.add(String(item.key));
      }
    }
    // The virtualiser keeps (and observes) every row element it measured, keyed by order id, until that key is
    // measured again, which a finished order's never is: a till would hold every row of the day. Its own
    // cleanup (measureElement(null)) drops the ones no longer in the document; run it only when some are.
    if (virtualizer.elementsCache.size > list.children.length) virtualizer.measureElement(null);
    // It keeps every measured height for good too (about 80 bytes an order; the heap bench saw 0.7 MB after
    // 9,000 orders). Once it holds far more heights than the list has orders, forget them all (its public
    // `measure()`) and measure the rendered rows again: a handful of rows, once every few hundred orders.
    if (measuredKeys.current.size > ids.length * 2 + SIZE_CACHE_SLACK) {
      virtualizer.measure();
      measuredKeys.current.clear();
      const rendered = virtualizer.getVirtualItems();
      let j = 0;
      for (const row of list.children) {
        const item = rendered[j++];
        if (item === undefined) break;
        virtualizer.measureElement(row);
        measuredKeys.current.add(String(item.key));
      }
    }
  });

  const items = virtualizer.getVirtualItems();
  const margin = virtualizer.options.scrollMargin;
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    paddingTop: first === undefined ? 0 : first.start - margin,
    paddingBottom: last === undefined ? 0 : Math.max(0, virtualizer.getTotalSize() - (last.end - margin)),
  };
}
