// Cash drawers and Z reports over HTTP (DESIGN.md Part 3, principle 22): POST /api/drawer/open | movements | close,
// GET /api/drawer (the open drawer), GET /api/reports/z/:number and the listing (JSON or CSV).

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { IDEMPOTENCY_HEADER } from '../../protocol/api.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import {
  DrawerQuerySchema,
  ZNumberSchema,
  ZReportListQuerySchema,
  zListRange,
} from '../../protocol/z-report-query.ts';
import { sendError } from '../api-error.ts';
import type {} from '../auth/route-access.ts';
import type { Metrics } from '../metrics.ts';
import { judgeDrawer, moneySchemas, type DrawerOp } from '../money-mutations.ts';
import { readOpenDrawer } from '../store/drawer-store.ts';
import type { OrderStore } from '../store/order-store.ts';
import { listZReports, readZReport } from '../store/z-report-store.ts';
import { shopWords } from '../shop-words.ts';
import { zReportsCsv } from '../z-report-csv.ts';
import { sendMoneyAnswer, writeOne } from './payment-routes.ts';

export interface DrawerRoutesOptions {
  store: OrderStore;
  metrics: Metrics;
  now: () => number;
  /** The shop's locale and time zone (settings) and the menu's currency, for the Z report CSV. */
  shop: () => Promise<{ locale: string; timeZone: string; currency: string }>;
}

export async function drawerRoutes(app: FastifyInstance, { store, metrics, now, shop }: DrawerRoutesOptions) {
  const schemas = moneySchemas(now);
  const db = store.database;
  const intent = (op: DrawerOp, path: string) =>
    app.post(path, { config: { access: ACCESS.pay } }, async (request, reply) => {
      const judged = judgeDrawer(
        op,
        request.headers[IDEMPOTENCY_HEADER],
        request.body,
        request.device,
        schemas,
        false,
      );
      if (!judged.ok) return sendMoneyAnswer(reply, judged.answer);
      return sendMoneyAnswer(reply, await writeOne(store, judged.value, metrics));
    });
  intent('drawer-open', '/api/drawer/open');
  intent('drawer-move', '/api/drawer/movements');
  intent('drawer-close', '/api/drawer/close');

  app.get('/api/drawer', { config: { access: ACCESS.pay } }, async (request, reply) => {
    const query = v.safeParse(DrawerQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const caller = request.device;
    const deviceId = query.output.deviceId ?? caller?.id;
    if (deviceId === undefined) return sendError(reply, 400, 'invalid_query', 'deviceId: required');
    // A counter sees only its own drawer; the owner (and the admin token) any device's.
    if (caller && caller.role !== 'owner' && !caller.admin && caller.id !== deviceId) {
      return sendError(reply, 403, 'device_mismatch', 'a counter reads only its own drawer');
    }
    return { drawer: await readOpenDrawer(db, deviceId) };
  });

  app.get<{ Params: { number: string } }>(
    '/api/reports/z/:number',
    { config: { access: ACCESS.ownerOnly } },
    async (request, reply) => {
      const number = v.safeParse(ZNumberSchema, request.params.number);
      const report = number.success ? await readZReport(db, number.output) : null;
      if (!report) return sendError(reply, 404, 'not_found', 'no such Z report');
      return report;
    },
  );

  app.get('/api/reports/z', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const query = v.safeParse(ZReportListQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const range = zListRange(query.output.from, query.output.to);
    const reports = await listZReports(db, range.from, range.to);
    if (query.output.format === 'json') return { reports };
    const { locale, timeZone, currency } = await shop();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="orderline-z-reports.csv"')
      .send(zReportsCsv(reports, { words: shopWords(locale), timeZone, currency }));
  });
}
