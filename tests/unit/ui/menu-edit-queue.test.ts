// The Menu screen's edit queue: edits run one at a time in tap order, each after the one before answered
// (so each reads the version it published), and a failed edit neither stops nor reorders the rest.
import { describe, expect, it } from 'vitest';
import { createEditQueue } from '../../../src/screens/menu-run.ts';

describe('createEditQueue', () => {
  it('runs edits in order, each after the previous has settled, failures included', async () => {
    const queue = createEditQueue();
    let version = 1;
    const seen: string[] = [];
    const edit =
      (name: string, fail = false) =>
      async () => {
        const ifMatch = version;
        seen.push(`${name} starts on v${ifMatch}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error(`${name} refused`);
        version = ifMatch + 1;
        return version;
      };
    const results = await Promise.allSettled([
      queue(edit('archive muffin')),
      queue(edit('bad price', true)),
      queue(edit('archive bun')),
    ]);
    expect(seen).toEqual([
      'archive muffin starts on v1',
      'bad price starts on v2',
      'archive bun starts on v2',
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(version).toBe(3);
  });
});
