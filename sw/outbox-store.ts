// IDB access for the outbox (no policy here: when to send and how to classify live in outbox-flush.ts).
// All functions work inside a transaction the caller opened, so an entry changes together with its order.

import type { DeadLetter } from '../protocol/messages.ts';
import type { AnyTx, OutboxEntry, WriteTx } from './db.ts';

/** Every entry in send order. */
export async function listOutbox(tx: AnyTx): Promise<OutboxEntry[]> {
  return tx.objectStore('outbox').getAll();
}

/** One order's entries in send order (the index sorts equal keys by primary key, i.e. by seq). */
export async function outboxForOrder(tx: AnyTx, orderId: string): Promise<OutboxEntry[]> {
  return tx.objectStore('outbox').index('by-order').getAll(orderId);
}

export async function findByMutation(tx: AnyTx, mutationId: string): Promise<OutboxEntry | undefined> {
  return tx.objectStore('outbox').index('by-mutation').get(mutationId);
}

export async function addOutboxEntry(tx: WriteTx, entry: OutboxEntry): Promise<number> {
  return tx.objectStore('outbox').add(entry);
}

export async function putOutboxEntry(tx: WriteTx, entry: OutboxEntry): Promise<void> {
  await tx.objectStore('outbox').put(entry);
}

export async function deleteOutboxEntry(tx: WriteTx, seq: number): Promise<void> {
  await tx.objectStore('outbox').delete(seq);
}

/** Entries still to send (dead letters excluded). */
export async function countWaiting(tx: AnyTx): Promise<number> {
  return tx.objectStore('outbox').index('by-state').count('waiting');
}

export async function countOutbox(tx: AnyTx): Promise<number> {
  return tx.objectStore('outbox').count();
}

export async function listDeadLetters(tx: AnyTx): Promise<DeadLetter[]> {
  const dead = await tx.objectStore('outbox').index('by-state').getAll('dead');
  return dead.flatMap((entry) => {
    const info = entry.deadLetter;
    if (!info) return [];
    const letter: DeadLetter = {
      mutationId: entry.mutationId,
      orderId: entry.orderId,
      orderNumber: entry.orderNumber,
      kind: entry.kind,
      httpStatus: info.httpStatus,
      code: info.code,
      message: info.message,
      failedAt: info.failedAt,
    };
    if (entry.payload.kind === 'status') letter.status = entry.payload.status;
    return [letter];
  });
}

/** The oldest entry still waiting, for diagnostics. */
export async function oldestWaiting(tx: AnyTx): Promise<OutboxEntry | undefined> {
  const cursor = await tx.objectStore('outbox').index('by-state').openCursor('waiting');
  return cursor?.value;
}

/** Makes every backed-off entry sendable now: the server was seen again, so waiting longer only delays recovery. */
export async function clearBackoff(tx: WriteTx): Promise<number> {
  const store = tx.objectStore('outbox');
  const held = await store.index('by-next-attempt').getAll(IDBKeyRange.lowerBound(0, true));
  // Issued together: a cursor step per entry would cost a round trip each, and after a long outage every
  // queued entry may be held. Each put is issued from an async step so that one throwing at once (the
  // transaction aborted under an earlier one) rejects inside Promise.all instead of leaving the puts already
  // issued with nobody listening (an unhandled AbortError; model test seed 606).
  await Promise.all(held.map(async (entry) => store.put({ ...entry, nextAttemptAt: 0 })));
  return held.length;
}
