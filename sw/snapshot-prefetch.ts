// A navigation is a page that will ask for `hello` as soon as its script runs (40–70 ms later). Reading the
// snapshot is the longest step of a cold start (one pass over every active order in IndexedDB), so it starts
// when the navigation reaches the worker and overlaps the page's own load. The page is not listening yet,
// so every broadcast sent meanwhile is folded in: a `sync` one replaces the status and takes its rev (it
// carries the whole status), an `orders` one makes the read stale. A tab never starts from a state older
// than a broadcast it missed, and its revs stay gapless.

import type { Broadcast, Snapshot } from '../protocol/messages.ts';

/** How long a prefetched snapshot waits for its page; a navigation that never asks leaves it to expire. */
export const PREFETCH_MAX_AGE_MS = 2_000;

export interface SnapshotPrefetch {
  /** A navigation arrived: read the snapshot now (replacing an older prefetch). */
  start(): void;
  /** Every broadcast the engine sends, in order, after its transaction committed. */
  saw(message: Broadcast): void;
  /** The prefetched snapshot if it is still exact, else null (the caller reads a fresh one). Used once. */
  take(): Promise<Snapshot | null>;
}

function fold(snapshot: Snapshot | null, message: Broadcast): Snapshot | null {
  if (snapshot === null || message.rev <= snapshot.rev) return snapshot; // already in the read
  if (message.type !== 'sync' || message.rev !== snapshot.rev + 1) return null;
  const { v: _v, type: _type, rev, ...sync } = message;
  return { ...snapshot, rev, sync };
}

export function createSnapshotPrefetch(deps: { read(): Promise<Snapshot>; now(): number }): SnapshotPrefetch {
  let held: { snapshot: Promise<Snapshot | null>; at: number } | null = null;
  return {
    start() {
      // A failed read is not reported here: the fresh read that replaces it reports its own failure.
      held = { snapshot: deps.read().catch(() => null), at: deps.now() };
    },
    saw(message) {
      if (held === null) return;
      // A navigation whose page never asks (it left, or it is not the app) must not chain a step onto its read
      // for every broadcast from then on: past its age nobody can take it, so it goes.
      if (deps.now() - held.at > PREFETCH_MAX_AGE_MS) {
        held = null;
        return;
      }
      held.snapshot = held.snapshot.then((snapshot) => fold(snapshot, message));
    },
    async take() {
      const taken = held;
      held = null;
      if (taken === null || deps.now() - taken.at > PREFETCH_MAX_AGE_MS) return null;
      return taken.snapshot;
    },
  };
}
