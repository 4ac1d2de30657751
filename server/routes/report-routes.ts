// GET /api/reports/day (owner): the day's totals, items, hours and prep times in the shop's time zone,
// as JSON or as CSV downloads (`table=orders` or `items`, one table per file). Without `tz` the day is the
// shop's (settings `timeZone`); the CSV is worded in the shop's `locale`.

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { DayReportQuerySchema } from '../../protocol/day-report.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import { sendError } from '../api-error.ts';
import { dayReportCsv } from '../day-report-csv.ts';
import { shopWords } from '../shop-words.ts';
import { createDayReportStore } from '../store/day-report-store.ts';
import type { OrderStore } from '../store/order-store.ts';

/** PostgreSQL's "time zone not recognized": a zone this runtime's Intl knows but the database does not. */
const INVALID_PARAMETER_VALUE = '22023';

export interface ReportRoutesOptions {
  store: OrderStore;
  /** The shop's time zone, for a request that names none. */
  shopTimeZone: () => Promise<string>;
  /** The shop's locale: the CSV's header row and words are in its language. */
  shopLocale: () => Promise<string>;
}

export async function reportRoutes(
  app: FastifyInstance,
  { store, shopTimeZone, shopLocale }: ReportRoutesOptions,
) {
  const reports = createDayReportStore(store.database);

  app.get('/api/reports/day', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const query = v.safeParse(DayReportQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const { date, format, table } = query.output;
    const tz = query.output.tz ?? (await shopTimeZone());
    let result;
    try {
      result = await reports.report(date, tz, format === 'csv' && table === 'orders');
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === INVALID_PARAMETER_VALUE) {
        return sendError(reply, 400, 'invalid_query', `tz: the database does not know the time zone ${tz}`);
      }
      throw error;
    }
    switch (format) {
      case 'json':
        return result.report;
      case 'csv':
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="orderline-${date}-${table}.csv"`)
          .send(dayReportCsv(result.report, result.orders, table, shopWords(await shopLocale())));
    }
  });
}
