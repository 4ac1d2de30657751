// Fault injection for engine tests: makes one `put` on a chosen IndexedDB object store fail midway through a
// transaction, the way a real browser can (a disk error, a quota abort). It patches fake-indexeddb's
// IDBObjectStore, below idb and the engine, so the engine's own transaction code meets the failure unchanged.
// It never touches reads or other stores, and restore() puts the original back.

import 'fake-indexeddb/auto';

/**
 * `throw`: the put itself throws (as `put` does for a value it cannot store), and the engine must abort.
 * `abort`: the put is issued and then the transaction is aborted under it (as the browser does on a quota or
 * I/O failure), so the request fails asynchronously with AbortError.
 */
export type PutFaultMode = 'throw' | 'abort';

export interface PutFault {
  /** How many puts were made to fail so far: the test's evidence that the fault happened. */
  readonly injected: number;
  /** The keys given to the failed puts (out-of-line keys such as the meta store's), in order. */
  readonly keys: readonly (IDBValidKey | undefined)[];
  restore(): void;
}

export interface PutFaultOptions {
  /** The object store whose puts fail (`orders`, `meta`, `outbox`). */
  store: string;
  /** Puts on that store let through before the first failure (so earlier writes of the transaction happen). */
  skip: number;
  mode: PutFaultMode;
  /** How many puts fail (consecutively after `skip`); the ones after succeed again. */
  times?: number;
}

export const INJECTED_MESSAGE = 'injected IndexedDB put failure';

export function failPut({ store, skip, mode, times = 1 }: PutFaultOptions): PutFault {
  const proto = IDBObjectStore.prototype;
  const original = proto.put;
  let seen = 0;
  let injected = 0;
  const keys: (IDBValidKey | undefined)[] = [];
  proto.put = function put(this: IDBObjectStore, value: unknown, key?: IDBValidKey): IDBRequest<IDBValidKey> {
    if (this.name !== store || this.transaction.mode === 'readonly') return original.call(this, value, key);
    seen += 1;
    if (seen <= skip || injected >= times) return original.call(this, value, key);
    injected += 1;
    keys.push(key);
    if (mode === 'throw') throw new DOMException(INJECTED_MESSAGE, 'UnknownError');
    const request = original.call(this, value, key);
    this.transaction.abort();
    return request;
  };
  return {
    get injected() {
      return injected;
    },
    keys,
    restore() {
      proto.put = original;
    },
  };
}
