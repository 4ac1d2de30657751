// POST /api/batch (DESIGN.md Part 2, principle 17): up to 100 creates, changes, payments, refunds and drawer
// intents (Part 3) in one request and one
// transaction, each judged and answered exactly as if it had been sent alone (server/order-mutations.ts).

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { BatchResponse } from '../../protocol/api.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { BatchBodySchema, createOrderBodySchema, describeIssues } from '../../protocol/schemas.ts';
import { unreachable } from '../../protocol/unreachable.ts';
import { sendError } from '../api-error.ts';
import type {} from '../auth/route-access.ts';
import type { Metrics } from '../metrics.ts';
import {
  answerDrawer,
  answerMoney,
  judgeDrawer,
  judgeMoney,
  moneySchemas,
  type MoneySchemas,
} from '../money-mutations.ts';
import {
  answerChange,
  answerCreate,
  judgeChange,
  judgeCreate,
  storedOrderVersion,
  type Caller,
  type MutationAnswer,
  type OrderVersionLookup,
} from '../order-mutations.ts';
import type { MenuStore } from '../store/menu-store.ts';
import type { BatchWrite, BatchWriteResult, OrderStore } from '../store/order-store.ts';

export interface BatchRoutesOptions {
  store: OrderStore;
  /** Creates are priced from the menu version their device showed, as POST /api/orders does. */
  menu: MenuStore;
  metrics: Metrics;
  /** The clock createdAt is judged against (as for POST /api/orders). */
  now: () => number;
}

type Mutation = v.InferOutput<typeof BatchBodySchema>['mutations'][number];
type CreateSchema = ReturnType<typeof createOrderBodySchema>;

/** A mutation refused before the store (its answer), or the write it asks for. */
type Judgement = { answer: MutationAnswer } | { write: BatchWrite };

async function judge(
  mutation: Mutation,
  caller: Caller,
  menu: MenuStore,
  createSchema: CreateSchema,
  orderVersion: OrderVersionLookup,
  schemas: MoneySchemas,
): Promise<Judgement> {
  switch (mutation.op) {
    case 'create': {
      const judged = await judgeCreate(mutation.key, mutation.body, caller, menu, createSchema);
      return judged.ok ? { write: { op: 'create', order: judged.value } } : { answer: judged.answer };
    }
    case 'patch': {
      const judged = await judgeChange(
        mutation.key,
        mutation.orderId,
        mutation.body,
        caller,
        menu,
        orderVersion,
      );
      return judged.ok
        ? { write: { op: 'change', change: { ...judged.value, actingDeviceId: caller?.id } } }
        : { answer: judged.answer };
    }
    // Part 3 money and drawer ops (principles 21-22): judged as the lone routes judge them; the key is required.
    case 'payment':
    case 'refund': {
      const judged = judgeMoney(
        mutation.op,
        mutation.key,
        mutation.orderId,
        mutation.body,
        caller,
        schemas,
        true,
      );
      return judged.ok ? { write: judged.value } : { answer: judged.answer };
    }
    case 'drawer-open':
    case 'drawer-move':
    case 'drawer-close': {
      const judged = judgeDrawer(mutation.op, mutation.key, mutation.body, caller, schemas, true);
      return judged.ok ? { write: judged.value } : { answer: judged.answer };
    }
    default:
      return unreachable(mutation);
  }
}

function answer(written: BatchWriteResult, metrics: Metrics): MutationAnswer {
  switch (written.op) {
    case 'create':
      return answerCreate(written.result, metrics);
    case 'change':
      return answerChange(written.result, metrics);
    case 'payment':
    case 'refund':
      return answerMoney(written.result, metrics);
    case 'drawer':
      return answerDrawer(written.result);
    default:
      return unreachable(written);
  }
}

export async function batchRoutes(app: FastifyInstance, { store, menu, metrics, now }: BatchRoutesOptions) {
  const createSchema = createOrderBodySchema(now);
  const schemas = moneySchemas(now);
  app.post(
    '/api/batch',
    // Open to every role that may send some mutation; each one is then checked as if alone (creates too).
    { config: { access: ACCESS.changeOrder } },
    async (request, reply) => {
      const parsed = v.safeParse(BatchBodySchema, request.body);
      if (!parsed.success) return sendError(reply, 400, 'invalid_body', describeIssues(parsed.issues));
      // Menu versions are cached, so judging in turn costs a lookup per new version, not per create.
      const judgements: Judgement[] = [];
      // A discount change names the menu version of its order, which may be created earlier in this batch.
      const created = new Map<string, number>();
      const stored = storedOrderVersion(store);
      const orderVersion: OrderVersionLookup = async (orderId) =>
        created.get(orderId) ?? (await stored(orderId));
      for (const mutation of parsed.output.mutations) {
        const judgement = await judge(mutation, request.device, menu, createSchema, orderVersion, schemas);
        if ('write' in judgement && judgement.write.op === 'create' && judgement.write.order.menuVersion > 0)
          created.set(judgement.write.order.id, judgement.write.order.menuVersion);
        judgements.push(judgement);
      }
      const writes = judgements.flatMap((j) => ('write' in j ? [j.write] : []));
      // One transaction for every write that passed its checks; results come back in the same order.
      const written = writes.length > 0 ? await store.batch(writes) : [];
      let next = 0;
      const results = judgements.map((j) => {
        if ('answer' in j) return j.answer;
        const result = written[next++];
        if (!result) throw new Error(`batch: write ${next} has no result`);
        return answer(result, metrics);
      });
      const response: BatchResponse = { results };
      return response;
    },
  );
}
