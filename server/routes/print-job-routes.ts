// Print jobs (owner): the queue of each printer as rows, newest first, and cancelling a job that has not
// started. A job being sent cannot be taken back (the printer may already have part of it).

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues, UuidSchema } from '../../protocol/schemas.ts';
import { PrintJobsQuerySchema } from '../../protocol/printer-schema.ts';
import { sendError } from '../api-error.ts';
import type { PrintQueue } from '../printing/print-queue.ts';
import { publicJob, type PrinterStore } from '../store/printer-store.ts';

const JOBS_LIMIT = 200;

export async function printJobRoutes(
  app: FastifyInstance,
  { printers, queue }: { printers: PrinterStore; queue: PrintQueue },
) {
  app.get('/api/print-jobs', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const query = v.safeParse(PrintJobsQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const jobs = await printers.jobs({ ...query.output, limit: JOBS_LIMIT });
    return { jobs: jobs.map(publicJob) };
  });

  app.delete<{ Params: { id: string } }>(
    '/api/print-jobs/:id',
    { config: { access: ACCESS.ownerOnly } },
    async (request, reply) => {
      const id = v.safeParse(UuidSchema, request.params.id);
      if (!id.success) return sendError(reply, 404, 'not_found', 'no such print job');
      const result = await printers.cancel(id.output);
      switch (result.kind) {
        case 'not_found':
          return sendError(reply, 404, 'not_found', 'no such print job');
        case 'not_queued':
          return sendError(
            reply,
            409,
            'job_not_queued',
            'only a queued job can be cancelled; this one is printing or finished',
          );
        case 'cancelled':
          queue.wake(result.job.printer);
          return { job: publicJob(result.job) };
      }
    },
  );
}
