// Parts of a screen that its first paint does not need (printer alerts, dead letters, the owner's tip, the
// cancel question): each is its own chunk, fetched when the browser is idle after the first paint, so the
// counter's start pays only for what it paints (bench `bundle_gzip_kib`). Precached like every chunk.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { whenAllWords } from '../i18n.ts';

export interface AfterPaint<P> {
  (props: P): JSX.Element | null;
  /** Starts the fetch now (a tap that needs it); resolves once it can render. */
  load(): Promise<ComponentType<P>>;
}

/** Runs `start` when the browser is idle (or soon, where there is no idle callback). */
export function whenIdle(start: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
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
