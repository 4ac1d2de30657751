// Receipts and prints of one order (owner, counter): GET /api/orders/:id/receipt answers the receipt as
// plain text at a printer's width, word for word what the printer gets; POST /api/orders/:id/print queues
// a receipt or a kitchen ticket, idempotent by the request's id (a retried tap never prints twice).

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { Order } from '../../protocol/order.ts';
import type { PrinterConfig } from '../../protocol/printers.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues, UuidSchema } from '../../protocol/schemas.ts';
import { PrintRequestSchema, ReceiptQuerySchema } from '../../protocol/printer-schema.ts';
import { sendError } from '../api-error.ts';
import { shouldKickDrawer } from '../printing/drawer-kick.ts';
import { kitchenTicket } from '../printing/kitchen-ticket.ts';
import type { PrintQueue } from '../printing/print-queue.ts';
import { documentText, type PrintDocument } from '../printing/print-document.ts';
import { receiptDocument, receiptShopFrom } from '../printing/receipt-document.ts';
import type { MenuStore } from '../store/menu-store.ts';
import type { OrderStore } from '../store/order-store.ts';
import type { PrinterStore } from '../store/printer-store.ts';

export interface ReceiptRoutesOptions {
  store: OrderStore;
  menu: MenuStore;
  printers: PrinterStore;
  queue: PrintQueue;
  settings: () => Promise<object>;
}

const DEFAULT_COLUMNS = 42;

export async function receiptRoutes(app: FastifyInstance, options: ReceiptRoutesOptions) {
  const { store, menu, printers, queue, settings } = options;

  async function findOrder(rawId: string): Promise<Order | null> {
    const id = v.safeParse(UuidSchema, rawId);
    return id.success ? store.get(id.output) : null;
  }

  async function receiptFor(order: Order, columns: number): Promise<PrintDocument> {
    const [current, shop] = await Promise.all([menu.current(), settings()]);
    return receiptDocument(order, current.currency, receiptShopFrom(shop), columns);
  }

  app.get<{ Params: { id: string } }>(
    '/api/orders/:id/receipt',
    { config: { access: ACCESS.createOrder } },
    async (request, reply) => {
      const query = v.safeParse(ReceiptQuerySchema, request.query);
      if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
      const order = await findOrder(request.params.id);
      if (!order) return sendError(reply, 404, 'not_found', 'no such order');
      const document = await receiptFor(order, query.output.columns ?? DEFAULT_COLUMNS);
      return reply.type('text/plain; charset=utf-8').send(documentText(document));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/orders/:id/print',
    { config: { access: ACCESS.createOrder } },
    async (request, reply) => {
      const body = v.safeParse(PrintRequestSchema, request.body);
      if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
      const order = await findOrder(request.params.id);
      if (!order) return sendError(reply, 404, 'not_found', 'no such order');
      const { id, kind } = body.output;
      const all = await printers.list();
      const printer: PrinterConfig | undefined = body.output.printer
        ? all.find((candidate) => candidate.id === body.output.printer)
        : all.find((candidate) => candidate.kind === kind);
      if (!printer) {
        const which = body.output.printer
          ? `no printer "${body.output.printer}"`
          : `no ${kind} printer is set up`;
        return sendError(reply, 409, 'no_printer', `${which}; add one under Printers`);
      }
      let document: PrintDocument;
      if (kind === 'receipt') {
        document = {
          ...(await receiptFor(order, printer.columns)),
          drawerKick: shouldKickDrawer(printer, kind, order),
        };
      } else {
        const snapshot =
          (order.menuVersion !== undefined ? await menu.atVersion(order.menuVersion) : null) ??
          (await menu.current());
        const categoryOf = (itemId: string) => snapshot.items.find((item) => item.id === itemId)?.category;
        const { timeZone, words } = receiptShopFrom(await settings());
        // Asked for by hand: the printer's own lines, or every line when none of them are its.
        document =
          kitchenTicket(order, printer, categoryOf, timeZone, words) ??
          (kitchenTicket(
            order,
            { ...printer, categories: [] },
            categoryOf,
            timeZone,
            words,
          ) as PrintDocument);
      }
      const { job } = await printers.enqueue({
        printerId: printer.id,
        kind,
        orderId: order.id,
        document,
        requestId: id,
      });
      queue.wake(job.printer);
      const { printer: printerId, state } = job;
      return reply.code(202).send({ job: { id: job.id, printer: printerId, kind: job.kind, state } });
    },
  );
}
