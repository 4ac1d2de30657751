// Groups calls that arrive while a batch is being handled into the next batch, so work that costs per call
// (an IDB transaction and its broadcasts) is paid once per burst instead of once per item.

/**
 * Returns a function that queues one item and resolves with its own result. Items queued while `run` is
 * busy go together in the next call; `run` never runs twice at once and returns one result per item, in order.
 * If `run` throws, every item of that batch rejects with the error.
 */
export function createBatcher<I, O>(run: (items: I[]) => Promise<O[]>): (item: I) => Promise<O> {
  interface Waiting {
    item: I;
    resolve(value: O): void;
    reject(error: unknown): void;
  }
  let queued: Waiting[] = [];
  let busy = false;

  async function drain(): Promise<void> {
    busy = true;
    while (queued.length > 0) {
      const batch = queued;
      queued = [];
      try {
        const results = await run(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(results[i] as O));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    busy = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      // drain() catches every error of run() itself, so its promise never rejects.
      if (!busy) void drain();
    });
}
