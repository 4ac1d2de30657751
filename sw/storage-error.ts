// Tells every tab when device storage fails (quota, a blocked open, a commit the browser aborted), and takes it
// back once a write commits again, even when the failure was too complete to be stored.

import { readSyncStatus } from './broadcast.ts';
import { getMeta } from './db.ts';
import type { EngineContext } from './engine-context.ts';

export interface StorageErrorReporter {
  report(error: unknown): Promise<string>;
  /** After a successful request: a good write clears an error the tabs were told of only by broadcast. */
  retract(): Promise<void>;
}

/** What the tabs show: a DOMException's name says what happened (QuotaExceededError), its message often not. */
export function storageErrorText(error: unknown): string {
  if (error instanceof DOMException) return error.message ? `${error.name}: ${error.message}` : error.name;
  return error instanceof Error ? error.message : String(error);
}

export function createStorageErrorReporter(
  ctx: EngineContext,
  reportError: (error: unknown) => void,
): StorageErrorReporter {
  // Set when the tabs were told without the error being stored: the stored status still says "no error", so
  // the next write must broadcast what it commits even though it equals the last broadcast on record.
  let unstored = false;
  return {
    async report(error) {
      const message = storageErrorText(error);
      try {
        // A small write often works when a large one hit the quota.
        await ctx.write(async () => ({ result: null, sync: { storageError: message } }));
        return message;
      } catch (writeError) {
        reportError(writeError);
      }
      // The quota is gone altogether: tell the tabs from a read (reads need no space), at the stored rev, which
      // they apply as in step without a revision of its own (src/rev-gate.ts).
      try {
        const [status, rev] = await ctx.read(
          async (tx) => [await readSyncStatus(tx), (await getMeta(tx, 'rev')) ?? 0] as const,
        );
        ctx.deps.broadcast({ v: 1, type: 'sync', rev, ...status, storageError: message });
        unstored = true;
      } catch (readError) {
        reportError(readError); // the reply to the page still carries the error
      }
      return message;
    },
    async retract() {
      if (!unstored) return;
      try {
        // No last broadcast on record: this write broadcasts the status it commits.
        await ctx.write(async () => ({ result: null, sync: { lastBroadcast: null } }));
        unstored = false;
      } catch {
        // Storage still refuses: the error the tabs show is still true.
      }
    },
  };
}
