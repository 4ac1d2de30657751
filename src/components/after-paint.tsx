// Parts of a screen that its first paint does not need (printer alerts, dead letters, the owner's tip, the
// cancel question): each is its own chunk, fetched when the browser is idle after the first list is painted, so the
// counter's start pays only for what it paints (bench `bundle_gzip_kib`). Precached like every chunk.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, whenAllWords } from '../i18n.ts';

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
export function afterPaint<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** What shows until the chunk is in (nothing when absent). */
  pending?: (props: P) => JSX.Element | null,
): AfterPaint<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  // Mounted copies waiting: a tap's `load()` shows them as soon as the chunk is in, not at the idle moment.
  const waiting = new Set<(component: ComponentType<P>) => void>();
  const fetchChunk = () => {
    // Its words come with it (the language's `more` catalogue).
    loading ??= Promise.all([load(), whenAllWords()])
      .then(([component]) => component)
      .then(
        (component) => {
          loaded = component;
          for (const show of waiting) show(component);
          return component;
        },
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
      if (loaded) return setComponent(() => loaded);
      const show = (component: ComponentType<P>) => setComponent(() => component);
      waiting.add(show);
      whenIdle(() =>
        fetchChunk().catch((error: unknown) =>
          console.warn('a deferred part of the screen did not load', error),
        ),
      );
      return () => {
        waiting.delete(show);
      };
    }, []);
    return Component ? <Component {...props} /> : (pending?.(props) ?? null);
  }
  Deferred.load = fetchChunk;
  return Deferred;
}

/**
 * A dialog's host: a tap asked for it, so its chunk is fetched at once; renders the chunk's component with the
 * same props, or an alert (`failed`'s words, with `Close`) when the chunk cannot be loaded (a later tap tries again).
 */
export function onDemand<P extends { onClose: () => void }>(
  Part: AfterPaint<P>,
  failed: (error: string) => string,
): AfterPaint<P> {
  function OnDemand(props: P) {
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      Part.load().catch(async (reason: unknown) => {
        await whenAllWords(); // the alert is worded too
        setError(String(reason));
      });
    }, []);
    return error === null ? (
      <Part {...props} />
    ) : (
      <p class="banner problem" role="alert">
        {failed(error)}{' '}
        <button type="button" onClick={props.onClose}>
          {t('pay.close')}
        </button>
      </p>
    );
  }
  OnDemand.load = Part.load;
  return OnDemand;
}
