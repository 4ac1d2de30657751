// Draining in batches (DESIGN.md Part 2, principle 17): turns outbox entries into one POST /api/batch and its
// answer back into one Classification per entry, each exactly what the lone request's answer would give.

import { MAX_BATCH_MUTATIONS, type BatchResponse, type BatchResult } from '../protocol/api.ts';
import { unreachable } from '../protocol/unreachable.ts';
import type { ApiRequest } from './api-client.ts';
import { isRecord } from './api-guards.ts';
import { classifyResponse, type Classification, type ExchangeFacts } from './classify-response.ts';
import type { OutboxEntry } from './db.ts';
import { answerBodyOf, answerGuard, mutationFor, type EntryAnswer } from './outbox-requests.ts';

export { mutationFor };

/** Under the server's 64 KiB body limit with room for the envelope: a batch is cut when it would pass this. */
export const MAX_BATCH_BYTES = 56 * 1024;
const encoder = new TextEncoder();

/**
 * Takes the longest prefix of `entries` that fits one batch (≤ 100 mutations, ≤ MAX_BATCH_BYTES of JSON), at
 * least one entry. The caller passes heads of distinct orders, so a batch never holds two entries of one order.
 */
export function takeBatch<E extends OutboxEntry>(entries: E[]): E[] {
  const batch: E[] = [];
  let bytes = 16;
  for (const entry of entries) {
    if (batch.length >= MAX_BATCH_MUTATIONS) break;
    const size = encoder.encode(JSON.stringify(mutationFor(entry))).length + 1;
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

export function batchRequestFor(entries: readonly OutboxEntry[]): ApiRequest {
  return { method: 'POST', path: '/api/batch', body: { mutations: entries.map(mutationFor) } };
}

function isBatchResult(value: unknown): value is BatchResult {
  return isRecord(value) && typeof value.status === 'number';
}

/** A batch answer counts only when it answers every mutation sent (principle 5: a valid API body). */
export function isBatchResponseOf(count: number): (body: unknown) => body is BatchResponse {
  return (body: unknown): body is BatchResponse =>
    isRecord(body) &&
    Array.isArray(body.results) &&
    body.results.length === count &&
    body.results.every(isBatchResult);
}

/** What the batch as a whole means for its entries. */
export type BatchOutcome =
  /** Each entry's own answer, classified as if it had come alone. */
  | { kind: 'answered'; results: Classification<EntryAnswer>[] }
  /** No answer for any entry (network, timeout, 5xx, 429, not the API): every entry gets this lone retry. */
  | { kind: 'retry'; result: Classification<EntryAnswer> & { outcome: 'retry' } }
  /**
   * The batch itself was refused (an older server without /api/batch, 413, 401 …): nothing is known about the
   * entries, so none is dead-lettered; they go again alone, where each gets its own answer.
   */
  | { kind: 'refused' };

export function classifyBatch(facts: ExchangeFacts, entries: readonly OutboxEntry[]): BatchOutcome {
  const count = entries.length;
  const whole = classifyResponse(facts, isBatchResponseOf(count));
  switch (whole.outcome) {
    case 'retry':
      return { kind: 'retry', result: whole };
    case 'dead':
      return { kind: 'refused' };
    case 'signed-out':
      // A 401 on the batch is a 401 for each of its entries: all kept untouched until `paired` (principle 13).
      return {
        kind: 'answered',
        results: Array.from({ length: count }, () => ({ outcome: 'signed-out' }) as const),
      };
    case 'done': {
      const retryAfter = facts.kind === 'response' ? facts.retryAfter : null;
      const results = whole.value.results.map((result, i) => {
        const entry = entries[i] as OutboxEntry;
        return classifyResponse<EntryAnswer>(
          {
            kind: 'response',
            status: result.status,
            apiHeader: '1',
            retryAfter,
            body: answerBodyOf(entry, result),
          },
          answerGuard(entry),
        );
      });
      return { kind: 'answered', results };
    }
    default:
      return unreachable(whole);
  }
}
