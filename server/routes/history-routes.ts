// GET /api/orders/history (owner, counter): finished orders newest first with their events, keyset paged.

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { HistoryQuerySchema } from '../../protocol/history.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import { sendError } from '../api-error.ts';
import { decodeHistoryCursor } from '../history-cursor.ts';
import { createHistoryStore } from '../store/history-store.ts';
import type { OrderStore } from '../store/order-store.ts';

export async function historyRoutes(app: FastifyInstance, { store }: { store: OrderStore }) {
  const history = createHistoryStore(store.database);

  app.get('/api/orders/history', { config: { access: ACCESS.history } }, async (request, reply) => {
    const query = v.safeParse(HistoryQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const { cursor, ...filters } = query.output;
    const after = cursor === undefined ? null : decodeHistoryCursor(cursor);
    if (cursor !== undefined && !after)
      return sendError(reply, 400, 'invalid_query', 'cursor: is not a history cursor');
    return history.search(filters, after);
  });
}
