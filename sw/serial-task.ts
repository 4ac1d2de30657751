// Runs an async job strictly one at a time. A request while it runs does not start a parallel run: it
// schedules exactly one more pass after the current one (so nothing queued during a pass is left behind).

export interface SerialTask {
  /** Starts a pass (or books one more); resolves when no pass is running or booked. */
  run(): Promise<void>;
  /** Resolves when the task is idle (never rejects; failures went to the caller of run). */
  idle(): Promise<void>;
}

export function createSerialTask(job: () => Promise<void>): SerialTask {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await job();
          } while (again);
        } finally {
          running = null;
        }
      })();
      return running;
    },
    async idle() {
      while (running) {
        await running.then(
          () => undefined,
          () => undefined, // the failure was delivered to whoever called run(); idle only waits
        );
      }
    },
  };
}
