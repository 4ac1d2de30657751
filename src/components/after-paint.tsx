// Parts of a screen that its first paint does not need (printer alerts, dead letters, the owner's tip, the
// cancel question): each is its own chunk, fetched when the browser is idle after the first list is painted, so the
// counter's start pays only for what it paints (bench `bundle_gzip_kib`). Precached like every chunk.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { whenAllWords } from '../i18n.ts';

export interface AfterPaint<P> {
  (props: P): JSX.Element | null;
  /** Starts the fetch now (a tap that needs it); resolves once it can render. */
  load(): Promise<ComponentType<P>>;
}

// The moment the first list is on screen: what the first paint does not need (the rest of the words, the pay
// dialogs, alerts) waits for it, so none of it competes with reading and drawing the list at a cold start.
// A screen whose snapshot never comes (the worker failed) still gets them, a few seconds late.
const FALLBACK_MS = 3_000;

let markShown: () => void = () => undefined;
const shown = new Promise<void>((resolve) => {
  markShown = resolve;
});
if (typeof setTimeout === 'function') setTimeout(() => markShown(), FALLBACK_MS);

/** Called once the first snapshot was applied: resolves after the frame that paints it. */
export function firstSnapshotApplied(): void {
  if (typeof requestAnimationFrame !== 'function') return markShown();
  // The callback runs before that frame's paint; the task it queues runs after it.
  requestAnimationFrame(() => setTimeout(markShown, 0));
}

/** Resolves once the first list was painted (or the fallback passed). */
export function afterFirstSnapshot(): Promise<void> {
  return shown;
}

/** Runs `start` when the browser is idle after the first list was painted. */
export function whenIdle(start: () => void): void {
  void afterFirstSnapshot().then(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2000 });
    else setTimeout(start, 500);
  });
}

/** A component that renders nothing until its chunk is in, then renders it with the same props. */
export function afterPaint<P extends object>(load: () => Promise<ComponentType<P>>): AfterPaint<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchChunk = () => {
    // Its words come with it (the language's `more` catalogue).
    loading ??= Promise.all([load(), whenAllWords()])
      .then(([component]) => component)
      .then(
        (component) => (loaded = component),
        (error: unknown) => {
          loading = null; // the next mount tries again
          throw error;
        },
      );
    return loading;
  };
  function Deferred(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      whenIdle(() =>
        fetchChunk().then(
          (component) => live && setComponent(() => component),
          (error: unknown) => console.warn('a deferred part of the screen did not load', error),
        ),
      );
      return () => {
        live = false;
      };
    }, []);
    return Component ? <Component {...props} /> : null;
  }
  Deferred.load = fetchChunk;
  return Deferred;
}
