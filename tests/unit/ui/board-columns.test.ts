// The Ready board's pure rules: its two columns, first names only, and the 10 s "just ready" highlight.
import { describe, expect, it } from 'vitest';
import type { ClientOrder } from '../../../protocol/order.ts';
import {
  boardCapacity,
  boardColumns,
  boardDensity,
  firstName,
  JUST_READY_MS,
  ReadyWatch,
} from '../../../src/kitchen/board-columns.ts';

function order(id: string, status: ClientOrder['status'], minute: number): ClientOrder {
  const time = new Date(Date.parse('2026-12-01T12:00:00.000Z') + minute * 60_000).toISOString();
  return {
    id,
    number: id,
    deviceId: 'dev',
    customerName: '',
    note: '',
    items: [],
    totalCents: 0,
    status,
    paid: false,
    createdAt: time,
    receivedAt: time,
    updatedAt: time,
    seq: 1,
    syncState: 'saved',
  };
}

describe('boardColumns', () => {
  it('puts pending and preparing under Preparing (oldest first), ready under Ready (longest waiting first)', () => {
    const { preparing, ready } = boardColumns([
      order('p2', 'pending', 2),
      order('r1', 'ready', 1),
      order('p1', 'preparing', 1),
      order('r3', 'ready', 3),
      order('gone', 'completed', 0),
    ]);
    expect(preparing.map((o) => o.id)).toEqual(['p1', 'p2']);
    expect(ready.map((o) => o.id)).toEqual(['r1', 'r3']);
  });
});

describe('boardDensity', () => {
  it('draws numbers smaller as a column fills, so 30 ready still fit at the dense size', () => {
    expect(boardDensity('ready', 1)).toBe('roomy');
    expect(boardDensity('ready', 30)).toBe('dense');
    expect(boardDensity('ready', 50)).toBe('packed');
    expect(boardDensity('preparing', 8)).toBe('dense');
    expect(boardCapacity('ready')).toBeGreaterThanOrEqual(30);
  });
});

describe('firstName', () => {
  it('shows only the first word of the customer name', () => {
    expect(firstName('  Ada  Lovelace ')).toBe('Ada');
    expect(firstName('')).toBe('');
  });
});

describe('ReadyWatch', () => {
  it('does not highlight what was already ready when the board started', () => {
    const watch = new ReadyWatch();
    expect(watch.update([], ['a'], 0)).toEqual([]);
    expect(watch.isJustReady('a', 1)).toBe(false);
  });

  it('does not highlight a ready order it never saw preparing (a new device catching up)', () => {
    const watch = new ReadyWatch();
    watch.update([], [], 0);
    expect(watch.update([], ['late-arrival'], 1)).toEqual([]);
  });

  it('highlights a number that moved from Preparing to Ready for 10 s', () => {
    const watch = new ReadyWatch();
    watch.update(['a'], [], 0);
    expect(watch.update([], ['a'], 1_000)).toEqual(['a']);
    expect(watch.isJustReady('a', 1_000 + JUST_READY_MS - 1)).toBe(true);
    expect(watch.isJustReady('a', 1_000 + JUST_READY_MS)).toBe(false);
  });

  it('keeps the highlight while the order stays ready, and drops it when the order leaves', () => {
    const watch = new ReadyWatch();
    watch.update(['a', 'b'], [], 0);
    watch.update(['b'], ['a'], 1);
    expect(watch.update([], ['a', 'b'], 2)).toEqual(['b']);
    expect(watch.isJustReady('a', 3)).toBe(true);
    watch.update([], ['b'], 4);
    expect(watch.isJustReady('a', 5)).toBe(false);
  });
});
