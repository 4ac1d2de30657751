// Fault injection for engine tests: makes IndexedDB *commits* fail the way Chromium's do when the origin's quota
// is gone: every request of the transaction succeeded, then the commit is refused and the transaction aborts
// with QuotaExceededError instead of completing. It patches fake-indexeddb's transaction below idb and the engine.

import 'fake-indexeddb/auto';

export const QUOTA_MESSAGE = 'injected: the quota for this origin is exhausted';

interface FakeTransaction extends IDBTransaction {
  _rollbackLog: (() => void)[];
  error: DOMException | null;
}

interface FakeEventLike extends Event {
  eventPath: unknown[];
}

export interface CommitFault {
  /** How many commits were refused so far: the test's evidence that the fault happened. */
  readonly refused: number;
  /** Refuse the next `count` commits that wrote something (read-only and empty ones commit: they need no space). */
  arm(count: number): void;
  restore(): void;
}

export function failCommits(): CommitFault {
  const proto = IDBTransaction.prototype as FakeTransaction;
  const original = proto.dispatchEvent;
  let armed = 0;
  let refused = 0;
  proto.dispatchEvent = function dispatchEvent(this: FakeTransaction, event: Event): boolean {
    const wrote = this.mode !== 'readonly' && this._rollbackLog.length > 0;
    if (event.type !== 'complete' || !wrote || armed === 0) return original.call(this, event);
    armed -= 1;
    refused += 1;
    // What the browser's abort steps do: undo every write, set the error, fire `abort` instead of `complete`.
    for (const undo of this._rollbackLog.reverse()) undo();
    this._rollbackLog.length = 0;
    this.error = new DOMException(QUOTA_MESSAGE, 'QuotaExceededError');
    const Ctor = event.constructor as new (type: string, init: EventInit) => FakeEventLike;
    const abort = new Ctor('abort', { bubbles: true, cancelable: false });
    abort.eventPath = [this.db];
    return original.call(this, abort);
  };
  return {
    get refused() {
      return refused;
    },
    arm(count) {
      armed = count;
    },
    restore() {
      proto.dispatchEvent = original;
    },
  };
}
