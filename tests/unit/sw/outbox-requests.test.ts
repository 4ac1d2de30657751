// Each Part 3 entry as its lone request and its batch op (the same key and body), and a batch result read back
// as the body the lone request would have answered (principle 17): drawer ops answer `{ drawer }` / `{ report }`.
import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../../../protocol/api.ts';
import type { OutboxEntry, OutboxPayload } from '../../../sw/db.ts';
import { classifyBatch } from '../../../sw/outbox-batch.ts';
import { answerGuard, mutationFor, requestFor } from '../../../sw/outbox-requests.ts';

const DEVICE = '0192d2a4-6c1e-7000-8000-00000000beef';
const ORDER = '0192d2a4-6c1e-7000-8000-0000000000o1';
const AT = '2026-11-25T09:00:00.000Z';

function entry(payload: OutboxPayload, orderId = ORDER): OutboxEntry {
  return {
    seq: 1,
    mutationId: 'body' in payload && 'id' in payload.body ? String(payload.body.id) : 'm-1',
    orderId,
    orderNumber: 'B-001',
    kind: payload.kind,
    payload,
    createdAt: AT,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    state: 'waiting',
    deadLetter: null,
  };
}

const bodyOf = (e: OutboxEntry): unknown => ('body' in e.payload ? e.payload.body : undefined);

const payment = entry({
  kind: 'payment',
  body: { id: 'p-1', method: 'card', amountCents: 400, tipCents: 20, deviceId: DEVICE, createdAt: AT },
});
const refund = entry({
  kind: 'refund',
  method: 'card',
  body: { id: 'r-1', paymentId: 'p-1', amountCents: 50, reason: 'cold', deviceId: DEVICE, createdAt: AT },
});
const open = entry(
  { kind: 'drawer-open', body: { id: 'd-1', deviceId: DEVICE, floatCents: 1000, createdAt: AT } },
  `drawer:${DEVICE}`,
);
const close = entry(
  { kind: 'drawer-close', body: { id: 'd-2', deviceId: DEVICE, countedCents: 900, createdAt: AT } },
  `drawer:${DEVICE}`,
);

describe('Part 3 outbox requests', () => {
  it('sends each intent to its route keyed by its id, and as the matching batch op', () => {
    expect(requestFor(payment)).toMatchObject({
      method: 'POST',
      path: `/api/orders/${ORDER}/payments`,
      idempotencyKey: 'p-1',
    });
    expect(requestFor(refund)).toMatchObject({ path: `/api/orders/${ORDER}/refunds`, idempotencyKey: 'r-1' });
    expect(requestFor(open)).toMatchObject({ path: '/api/drawer/open', idempotencyKey: 'd-1' });
    expect(requestFor(close)).toMatchObject({ path: '/api/drawer/close', idempotencyKey: 'd-2' });
    expect(mutationFor(payment)).toEqual({
      op: 'payment',
      key: 'p-1',
      orderId: ORDER,
      body: bodyOf(payment),
    });
    expect(mutationFor(refund)).toMatchObject({ op: 'refund', key: 'r-1', orderId: ORDER });
    // The extra `method` of a refund entry is the drawer estimate's, never sent.
    expect(mutationFor(refund)).not.toHaveProperty('body.method');
    expect(mutationFor(close)).toEqual({ op: 'drawer-close', key: 'd-2', body: bodyOf(close) });
    expect(mutationFor(close)).not.toHaveProperty('orderId');
  });

  it('reads a batch answer per entry: order, drawer or report, and an error as a dead letter', () => {
    const drawer = {
      id: 'd-1',
      deviceId: DEVICE,
      openedAt: AT,
      floatCents: 1000,
      openedImplicitly: false,
      movements: [],
      expectedCents: 1000,
    };
    const report = { number: 4, cash: { expectedCents: 1000 }, byMethod: [] };
    const results: BatchResult[] = [
      { status: 201, drawer },
      { status: 201, report: report as never },
      { status: 409, error: { code: 'no_open_drawer', message: 'none' } },
    ];
    const outcome = classifyBatch(
      { kind: 'response', status: 200, apiHeader: '1', retryAfter: null, body: { results } },
      [open, close, close],
    );
    expect(outcome).toMatchObject({
      kind: 'answered',
      results: [
        { outcome: 'done', value: { drawer } },
        { outcome: 'done', value: { report } },
        { outcome: 'dead', code: 'no_open_drawer', httpStatus: 409 },
      ],
    });
    // An order where a drawer was due is not an answer (principle 5): retried, never applied.
    expect(answerGuard(open)({ id: ORDER, seq: 3 })).toBe(false);
  });
});
