// The owner's printers (DESIGN.md Part 3, API rows of principle 23): list with state and queue, add or
// change, remove (its waiting jobs are cancelled), and a test page. The queue itself is server/printing/.

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import { PrinterBodySchema, PrinterIdSchema } from '../../protocol/printer-schema.ts';
import type { PrintersResponse } from '../../protocol/printers.ts';
import { sendError } from '../api-error.ts';
import { shopWords } from '../shop-words.ts';
import { testPage } from '../printing/kitchen-ticket.ts';
import type { PrintQueue } from '../printing/print-queue.ts';
import { publicJob, type PrinterStore } from '../store/printer-store.ts';

export interface PrinterRoutesOptions {
  printers: PrinterStore;
  queue: PrintQueue;
  /** The shop's `locale` setting: the test page is worded in it. */
  locale: () => Promise<string | undefined>;
}

/** What the test page prints to prove the code page: the signs and letters shops report as garbage. */
const TEST_LETTERS = '€ £ ä ö ü ß é è ñ ç';

export async function printerRoutes(app: FastifyInstance, { printers, queue, locale }: PrinterRoutesOptions) {
  app.get('/api/printers', { config: { access: ACCESS.ownerOnly } }, async (): Promise<PrintersResponse> => ({
    printers: await queue.printers(),
  }));

  app.put<{ Params: { id: string } }>(
    '/api/printers/:id',
    { config: { access: ACCESS.ownerOnly } },
    async (request, reply) => {
      const id = v.safeParse(PrinterIdSchema, request.params.id);
      if (!id.success) return sendError(reply, 400, 'invalid_id', `id: ${describeIssues(id.issues)}`);
      const body = v.safeParse(PrinterBodySchema, request.body);
      if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
      await printers.put(id.output, body.output);
      await queue.refresh();
      const saved = (await queue.printers()).find((printer) => printer.id === id.output);
      return saved;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/printers/:id',
    { config: { access: ACCESS.ownerOnly } },
    async (request, reply) => {
      const id = v.safeParse(PrinterIdSchema, request.params.id);
      if (!id.success || !(await printers.remove(id.output)))
        return sendError(reply, 404, 'not_found', 'no such printer');
      await queue.refresh();
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/printers/:id/test',
    { config: { access: ACCESS.ownerOnly } },
    async (request, reply) => {
      const id = v.safeParse(PrinterIdSchema, request.params.id);
      const printer = id.success ? await printers.get(id.output) : null;
      if (!printer) return sendError(reply, 404, 'not_found', 'no such printer');
      const { job } = await printers.enqueue({
        printerId: printer.id,
        kind: 'test',
        orderId: null,
        document: testPage(printer, TEST_LETTERS, shopWords(await locale())),
      });
      queue.wake(printer.id);
      return reply.code(202).send({ job: publicJob(job) });
    },
  );
}
