// Decides what a tab does with each broadcast given the last SW revision it has seen (DESIGN.md
// principle 8): apply it, drop it as already seen, or re-snapshot because something was missed.

export type RevDecision = 'apply' | 'stale' | 'gap';

/**
 * `lastRev` is the revision the tab's state reflects. A delta must be exactly the next one; a sync
 * status carries the SW's current revision, so one ahead of us also means a delta went missing.
 */
export function decideRev(kind: 'orders' | 'sync', rev: number, lastRev: number): RevDecision {
  if (kind === 'orders') {
    if (rev <= lastRev) return 'stale';
    return rev === lastRev + 1 ? 'apply' : 'gap';
  }
  if (rev < lastRev) return 'stale';
  // A sync message may or may not take a revision of its own: lastRev or lastRev + 1 are both in step.
  return rev <= lastRev + 1 ? 'apply' : 'gap';
}
