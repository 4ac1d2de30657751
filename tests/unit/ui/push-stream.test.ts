// The leader's push stream: forwards events, reports push status, recreates the stream after errors and
// silence, and pokes the SW only while push is down or the outbox waits.
import { describe, expect, it } from 'vitest';
import type { PageRequest } from '../../../protocol/messages.ts';
import { DEFAULT_SETTINGS } from '../../../protocol/settings.ts';
import { PushStream, type PushEnv, type StreamLike } from '../../../src/push-stream.ts';

class FakeStream implements StreamLike {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners = new Map<string, (event: MessageEvent<string>) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: 'orders' | 'reset' | 'heartbeat' | 'menu' | 'settings', data: string): void {
    this.listeners.get(type)?.({ data } as MessageEvent<string>);
  }
}

/** A hand-driven clock: timers fire only when the test advances time. */
class ManualClock {
  now = 0;
  private nextId = 1;
  private timers = new Map<number, { at: number; every: number | null; callback: () => void }>();
  setTimeout = (callback: () => void, ms: number): number => this.add(callback, ms, null);
  setInterval = (callback: () => void, ms: number): number => this.add(callback, ms, ms);
  clearTimeout = (handle: unknown): void => void this.timers.delete(handle as number);
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.now = timer.at;
      if (timer.every === null) this.timers.delete(id);
      else timer.at += timer.every;
      timer.callback();
    }
    this.now = end;
  }
  private add(callback: () => void, ms: number, every: number | null): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, every, callback });
    return id;
  }
}

function setup(options: { cursor?: number; waiting?: number; paired?: boolean } = {}) {
  const clock = new ManualClock();
  const streams: FakeStream[] = [];
  const sent: PageRequest[] = [];
  const errors: string[] = [];
  const state = { waiting: options.waiting ?? 0, paired: options.paired ?? true };
  const env: PushEnv = {
    openStream: (url) => {
      const stream = new FakeStream(url);
      streams.push(stream);
      return stream;
    },
    send: (message) => sent.push(message),
    snapshotCursor: () => options.cursor ?? 0,
    waiting: () => state.waiting,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    setInterval: clock.setInterval,
    random: () => 0.5,
    reportError: (message) => errors.push(message),
    mayConnect: () => state.paired,
  };
  const push = new PushStream(env);
  const latest = () => streams[streams.length - 1]!;
  const syncNows = () => sent.filter((m) => m.type === 'sync-now');
  return { clock, streams, sent, errors, state, push, latest, syncNows };
}

describe('PushStream', () => {
  it('opens the stream at the snapshot cursor and forwards each orders event to the SW', () => {
    const { latest, sent } = setup({ cursor: 41 });
    expect(latest().url).toBe('/api/events?since=41');
    latest().onopen?.(new Event('open'));
    latest().emit('orders', JSON.stringify({ cursor: 42, orders: [] }));
    expect(sent).toEqual([
      { v: 1, type: 'push-status', connected: false },
      { v: 1, type: 'push-status', connected: true },
      { v: 1, type: 'push', cursor: 42, orders: [] },
    ]);
  });

  it('on `event: reset` asks the SW to pull the snapshot, forwards no orders and forgets its own cursor', () => {
    const { clock, streams, latest, sent } = setup({ cursor: 0 });
    latest().onopen?.(new Event('open'));
    latest().emit('orders', JSON.stringify({ cursor: 900, orders: [] }));
    latest().emit('reset', JSON.stringify({ cursor: 12 }));
    expect(sent.slice(-1)).toEqual([{ v: 1, type: 'sync-now', reason: 'stream-reset' }]);
    // A cursor from another database must not be sent back on the next connect.
    latest().onerror?.(new Event('error'));
    clock.advance(2_000);
    expect(streams[streams.length - 1]!.url).toBe('/api/events?since=0');
  });

  it('forwards each menu event to the SW as menu-version, and reports one without a version', () => {
    const { latest, sent, errors } = setup();
    latest().onopen?.(new Event('open'));
    latest().emit('menu', JSON.stringify({ version: 7 }));
    latest().emit('menu', '{}');
    expect(sent.filter((m) => m.type === 'menu-version')).toEqual([
      { v: 1, type: 'menu-version', version: 7 },
    ]);
    expect(errors).toHaveLength(1);
  });

  it('forwards each settings event to the SW as parsed (the SW checks them), and reports unreadable ones', () => {
    const { latest, sent, errors } = setup();
    latest().onopen?.(new Event('open'));
    const valid = { ...DEFAULT_SETTINGS, kitchenWarningMinutes: 4, kitchenLateMinutes: 9 };
    const invalid = { ...DEFAULT_SETTINGS, kitchenWarningMinutes: 9, kitchenLateMinutes: 4 };
    latest().emit('settings', JSON.stringify(valid));
    latest().emit('settings', JSON.stringify(invalid));
    latest().emit('settings', 'not json');
    // sw/settings-keeper.ts stores and broadcasts only valid settings (its own test).
    expect(sent.filter((m) => m.type === 'settings')).toEqual([
      { v: 1, type: 'settings', settings: valid },
      { v: 1, type: 'settings', settings: invalid },
    ]);
    expect(errors).toHaveLength(1);
  });

  it('recreates the stream after an error, resuming from the last forwarded cursor', () => {
    const { clock, streams, latest, push } = setup({ cursor: 5 });
    latest().onopen?.(new Event('open'));
    latest().emit('orders', JSON.stringify({ cursor: 9, orders: [] }));
    latest().onerror?.(new Event('error'));
    expect(streams[0]!.closed).toBe(true);
    expect(push.isConnected).toBe(false);
    clock.advance(300);
    expect(streams).toHaveLength(2);
    expect(latest().url).toBe('/api/events?since=9');
  });

  it('treats 25 s without any event as a dead stream, but heartbeats keep it alive', () => {
    const { clock, streams, latest } = setup();
    latest().onopen?.(new Event('open'));
    clock.advance(20_000);
    latest().emit('heartbeat', '{}');
    clock.advance(20_000);
    expect(streams).toHaveLength(1);
    clock.advance(5_001);
    expect(streams[0]!.closed).toBe(true);
    expect(streams).toHaveLength(2);
  });

  it('does not poll while push is up and the outbox is empty', () => {
    const { clock, latest, syncNows } = setup();
    latest().onopen?.(new Event('open'));
    for (let i = 0; i < 6; i++) {
      clock.advance(10_000);
      latest().emit('heartbeat', '{}');
    }
    expect(syncNows()).toEqual([]);
  });

  it('polls every 5 s while push is down', () => {
    const { clock, latest, syncNows } = setup();
    // Every attempt fails at once, as when the server is down.
    for (let i = 0; i < 60; i++) {
      latest().onerror?.(new Event('error'));
      clock.advance(1_000);
    }
    expect(syncNows().every((m) => m.type === 'sync-now' && m.reason === 'poll')).toBe(true);
    expect(syncNows()).toHaveLength(12);
  });

  it('ticks the outbox every 5 s while entries wait, even with push up', () => {
    const { clock, latest, syncNows, state } = setup({ waiting: 2 });
    latest().onopen?.(new Event('open'));
    clock.advance(10_000);
    latest().emit('heartbeat', '{}');
    state.waiting = 0;
    clock.advance(10_000);
    expect(syncNows()).toEqual([
      { v: 1, type: 'sync-now', reason: 'outbox-tick' },
      { v: 1, type: 'sync-now', reason: 'outbox-tick' },
    ]);
  });

  it('reports an unreadable event instead of forwarding it', () => {
    const { latest, sent, errors } = setup();
    latest().emit('orders', 'not json');
    expect(sent.filter((m) => m.type === 'push')).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('reconnects at once when the browser comes back online', () => {
    const { clock, streams, latest, push } = setup();
    latest().onerror?.(new Event('error'));
    push.reconnectNow();
    clock.advance(0);
    expect(streams).toHaveLength(2);
  });
});

describe('PushStream while not paired', () => {
  it('never opens a stream (nor polls) for a device that is not paired', () => {
    const { clock, streams, syncNows } = setup({ paired: false });
    clock.advance(60_000);
    expect(streams).toEqual([]);
    expect(syncNows()).toEqual([]);
  });

  it('stops after an error once the device is signed out, and opens again only when paired', () => {
    const { clock, streams, latest, push, sent, state } = setup();
    latest().onopen?.(new Event('open'));
    // The server revoked the device: the stream fails (401) and the SW reports `signed-out`.
    latest().onerror?.(new Event('error'));
    state.paired = false;
    push.authChanged();
    push.reconnectNow();
    clock.advance(60_000);
    expect(streams).toHaveLength(1);
    expect(sent.filter((m) => m.type === 'push-status').at(-1)).toEqual({
      v: 1,
      type: 'push-status',
      connected: false,
    });
    state.paired = true;
    push.authChanged();
    expect(streams).toHaveLength(2);
    push.authChanged(); // a second `paired` broadcast does not open a second stream
    expect(streams).toHaveLength(2);
  });

  it('a reconnect already scheduled when the device is signed out does not open', () => {
    const { clock, streams, latest, state } = setup();
    latest().onerror?.(new Event('error'));
    state.paired = false;
    clock.advance(5_000);
    expect(streams).toHaveLength(1);
  });
});
