// The batcher: calls made while a batch runs go together into the next one; results and errors reach each caller.
import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../sw/batcher.ts';

describe('createBatcher', () => {
  it('items queued while a batch runs go together in the next batch, each getting its own result', async () => {
    const batches: number[][] = [];
    let running = 0;
    let maxRunning = 0;
    const double = createBatcher(async (items: number[]) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return items.map((n) => n * 2);
    });
    const first = double(1);
    const rest = [double(2), double(3), double(4)];
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(maxRunning).toBe(1);
  });

  it('a failed batch rejects each of its items and later items still run', async () => {
    const fail = createBatcher(async (items: string[]) => {
      await Promise.resolve();
      if (items.includes('bad')) throw new Error('boom');
      return items.map((s) => s.toUpperCase());
    });
    const bad = fail('bad');
    const sibling = fail('ok');
    const [badResult, siblingResult] = await Promise.allSettled([bad, sibling]);
    expect(badResult).toMatchObject({ status: 'rejected', reason: new Error('boom') });
    // 'ok' was queued while the 'bad' batch ran, so it went in the next batch and succeeded.
    expect(siblingResult).toEqual({ status: 'fulfilled', value: 'OK' });
    expect(await fail('later')).toBe('LATER');
  });
});
