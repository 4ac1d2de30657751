// POST /api/orders/:id/payments and /refunds (DESIGN.md Part 3, principle 21): judged in server/money-mutations.ts
// and written as a batch of one, so the lone request and the batch op answer alike.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { IDEMPOTENCY_HEADER } from '../../protocol/api.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { sendError } from '../api-error.ts';
import type {} from '../auth/route-access.ts';
import type { Metrics } from '../metrics.ts';
import { answerDrawer, answerMoney, judgeMoney, moneySchemas, type MoneyOp } from '../money-mutations.ts';
import type { MutationAnswer } from '../order-mutations.ts';
import type { BatchWrite, BatchWriteResult, OrderStore } from '../store/order-store.ts';

export interface PaymentRoutesOptions {
  store: OrderStore;
  metrics: Metrics;
  now: () => number;
}

/** A money or drawer write's answer (the store's result of one BatchWrite). */
export function answerWritten(written: BatchWriteResult, metrics: Metrics): MutationAnswer | null {
  switch (written.op) {
    case 'payment':
    case 'refund':
      return answerMoney(written.result, metrics);
    case 'drawer':
      return answerDrawer(written.result);
    default:
      return null;
  }
}

/** Runs one judged write alone (one transaction) and answers it. */
export async function writeOne(
  store: OrderStore,
  write: BatchWrite,
  metrics: Metrics,
): Promise<MutationAnswer> {
  const [written] = await store.batch([write]);
  const answer = written ? answerWritten(written, metrics) : null;
  if (!answer) throw new Error(`write ${write.op}: no answer`);
  return answer;
}

/** Sends an answer: the order, `{ drawer }`, `{ report }`, or the API error body. */
export function sendMoneyAnswer(reply: FastifyReply, answer: MutationAnswer): FastifyReply {
  if (answer.error) return sendError(reply, answer.status, answer.error.code, answer.error.message);
  if (answer.order) return reply.code(answer.status).send(answer.order);
  if (answer.report) return reply.code(answer.status).send({ report: answer.report });
  return reply.code(answer.status).send({ drawer: answer.drawer ?? null });
}

export async function paymentRoutes(app: FastifyInstance, { store, metrics, now }: PaymentRoutesOptions) {
  const schemas = moneySchemas(now);
  const route = (op: MoneyOp, path: string, access: typeof ACCESS.pay | typeof ACCESS.ownerOnly) =>
    app.post<{ Params: { id: string } }>(path, { config: { access } }, async (request, reply) => {
      const judged = judgeMoney(
        op,
        request.headers[IDEMPOTENCY_HEADER],
        request.params.id,
        request.body,
        request.device,
        schemas,
        false,
      );
      if (!judged.ok) return sendMoneyAnswer(reply, judged.answer);
      return sendMoneyAnswer(reply, await writeOne(store, judged.value, metrics));
    });
  route('payment', '/api/orders/:id/payments', ACCESS.pay);
  route('refund', '/api/orders/:id/refunds', ACCESS.ownerOnly);
}
