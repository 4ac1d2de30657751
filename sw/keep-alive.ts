// Keeps the worker alive while the sync engine works, through ONE open event at a time. Each page message used
// to hold its event open until the engine was idle; under a steady stream of intents it never is (a flush pass
// runs while entries keep arriving), so every message event stayed open until the renderer ran out of memory
// (the bench's heap loop crashed the page at ~6,000 orders). The browser keeps the worker alive while any event
// is open, so the latest caller holding it is enough: each call releases the one before.

export interface KeepAlive {
  /**
   * Call once this event's own work has been started. Resolves when the engine is idle, or as soon as a later
   * call takes over the job of keeping the worker alive.
   */
  untilSettled(): Promise<void>;
  /**
   * A newer version is to take over (the user pressed Reload): from now on hold nothing. Chromium activates the
   * waiting version only once this one has no open event, so a worker kept busy by a slow server would leave
   * Reload doing nothing for up to five minutes. Unfinished engine work stops with the worker; all of it is in
   * IndexedDB and the new version resumes it.
   */
  handOver(): void;
}

/** `settled` resolves when the engine has no work left (SyncEngine.settled); it is watched by one waiter only. */
export function createKeepAlive(settled: () => Promise<void>): KeepAlive {
  /** Releases the call currently holding the worker; null when none does. */
  let releaseHolder: (() => void) | null = null;
  let watching = false;
  let handingOver = false;

  function watch(): void {
    if (watching) return;
    watching = true;
    // One watcher for all callers: per-caller waits on a never-idle engine were what piled up.
    const holderAtStart = releaseHolder;
    const done = (): void => {
      watching = false;
      // A caller that took over meanwhile may have started work after the engine was last seen idle: look again.
      if (releaseHolder !== holderAtStart) return watch();
      releaseHolder = null;
      holderAtStart?.();
    };
    settled().then(done, done);
  }

  return {
    untilSettled() {
      if (handingOver) return Promise.resolve();
      const previous = releaseHolder;
      const held = new Promise<void>((resolve) => {
        releaseHolder = resolve;
      });
      previous?.();
      watch();
      return held;
    },
    handOver() {
      handingOver = true;
      const holder = releaseHolder;
      releaseHolder = null;
      holder?.();
    },
  };
}
