// Runs one IDB step per item with every order's steps in flight together. A step awaits its own requests in
// turn, so done one item after another a batch of 100 costs hundreds of round trips to the browser's IDB
// thread (about 0.3 ms each); issued together they cost a handful. IDB still runs the requests of one
// transaction in the order they were issued, so only steps for the SAME order need to wait for each other:
// those run in input order, and each sees what the one before it wrote.

/** `step` over `items`, concurrently across orders and in input order within one; results in input order. */
export async function mapPerOrder<I, O>(
  items: readonly I[],
  orderOf: (item: I) => string,
  step: (item: I) => Promise<O>,
): Promise<O[]> {
  const results = new Array<O>(items.length);
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = orderOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(index);
    else lanes.set(key, [index]);
  });
  await Promise.all(
    [...lanes.values()].map(async (indexes) => {
      for (const index of indexes) results[index] = await step(items[index] as I);
    }),
  );
  return results;
}
