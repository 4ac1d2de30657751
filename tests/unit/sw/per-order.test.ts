import { describe, expect, it } from 'vitest';
import { mapPerOrder } from '../../../sw/per-order.ts';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('mapPerOrder', () => {
  it('runs different orders together and one order in input order, answering in input order', async () => {
    const items = [
      { order: 'a', n: 1 },
      { order: 'b', n: 2 },
      { order: 'a', n: 3 },
      { order: 'c', n: 4 },
      { order: 'a', n: 5 },
    ];
    const log: string[] = [];
    let running = 0;
    let widest = 0;
    const results = await mapPerOrder(
      items,
      (item) => item.order,
      async (item) => {
        running += 1;
        widest = Math.max(widest, running);
        log.push(`start ${item.order}${item.n}`);
        await tick();
        log.push(`end ${item.order}${item.n}`);
        running -= 1;
        return item.n * 10;
      },
    );
    expect(results).toEqual([10, 20, 30, 40, 50]);
    // Three orders: three steps at once, never two of the same order.
    expect(widest).toBe(3);
    const aSteps = log.filter((line) => line.endsWith('a1') || line.endsWith('a3') || line.endsWith('a5'));
    expect(aSteps).toEqual(['start a1', 'end a1', 'start a3', 'end a3', 'start a5', 'end a5']);
  });

  it('rejects with the first failure, like a loop would', async () => {
    await expect(
      mapPerOrder(
        ['x', 'y'],
        (id) => id,
        async (id) => {
          if (id === 'y') throw new Error('step y failed');
          return id;
        },
      ),
    ).rejects.toThrow('step y failed');
  });
});
