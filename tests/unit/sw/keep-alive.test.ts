// The keep-alive: while the engine works, one event at a time stays open (the latest); earlier ones are let go,
// and the last one closes once the engine is idle.
import { describe, expect, it } from 'vitest';
import { createKeepAlive } from '../../../sw/keep-alive.ts';

/** An engine stand-in whose idleness the test decides. */
function fakeEngine() {
  let busy = 0;
  let wake: (() => void)[] = [];
  let waiters = 0;
  return {
    start() {
      busy += 1;
    },
    finish() {
      busy -= 1;
      if (busy === 0) {
        const woken = wake;
        wake = [];
        for (const resolve of woken) resolve();
      }
    },
    /** Like SyncEngine.settled: resolves once nothing is running. */
    settled(): Promise<void> {
      if (busy === 0) return Promise.resolve();
      waiters += 1;
      return new Promise<void>((resolve) => wake.push(resolve));
    },
    get settledCalls() {
      return waiters;
    },
  };
}

const flushMicrotasks = () => new Promise((resolve) => setTimeout(resolve, 0));

function watch(promise: Promise<void>): { done: boolean } {
  const watched = { done: false };
  void promise.then(() => (watched.done = true));
  return watched;
}

describe('createKeepAlive', () => {
  it('a later call releases the earlier one while the engine is still busy; the last one waits for idle', async () => {
    const engine = fakeEngine();
    const keepAlive = createKeepAlive(() => engine.settled());
    engine.start();
    const first = watch(keepAlive.untilSettled());
    await flushMicrotasks();
    expect(first.done).toBe(false);

    const second = watch(keepAlive.untilSettled());
    await flushMicrotasks();
    expect(first.done).toBe(true);
    expect(second.done).toBe(false);

    engine.finish();
    await flushMicrotasks();
    expect(second.done).toBe(true);
  });

  it('thousands of calls on a never-idle engine leave one open wait and one watcher', async () => {
    const engine = fakeEngine();
    const keepAlive = createKeepAlive(() => engine.settled());
    engine.start();
    const calls = Array.from({ length: 5000 }, () => watch(keepAlive.untilSettled()));
    await flushMicrotasks();
    expect(calls.filter((c) => !c.done)).toHaveLength(1);
    expect(calls.at(-1)?.done).toBe(false);
    expect(engine.settledCalls).toBe(1);
    engine.finish();
    await flushMicrotasks();
    expect(calls.every((c) => c.done)).toBe(true);
  });

  it('a call made while the engine is idle resolves at once', async () => {
    const engine = fakeEngine();
    const keepAlive = createKeepAlive(() => engine.settled());
    const call = watch(keepAlive.untilSettled());
    await flushMicrotasks();
    expect(call.done).toBe(true);
  });

  it('work started by a caller that took over after the engine was seen idle is still waited for', async () => {
    const engine = fakeEngine();
    const keepAlive = createKeepAlive(() => engine.settled());
    engine.start();
    const first = watch(keepAlive.untilSettled());
    // The engine goes idle, and in the same turn a new message starts work and takes over.
    engine.finish();
    engine.start();
    const second = watch(keepAlive.untilSettled());
    await flushMicrotasks();
    expect(first.done).toBe(true);
    expect(second.done).toBe(false);
    engine.finish();
    await flushMicrotasks();
    expect(second.done).toBe(true);
  });

  it('handing over to a newer version lets go of the open event on a busy engine and holds no later one', async () => {
    const engine = fakeEngine();
    const keepAlive = createKeepAlive(() => engine.settled());
    engine.start(); // a pull waiting on a slow server
    const held = watch(keepAlive.untilSettled());
    await flushMicrotasks();
    expect(held.done).toBe(false);
    keepAlive.handOver();
    await flushMicrotasks();
    expect(held.done).toBe(true);
    // The leader's next tick reaches this worker while the engine is still busy: its event closes at once.
    const later = watch(keepAlive.untilSettled());
    await flushMicrotasks();
    expect(later.done).toBe(true);
  });
});
