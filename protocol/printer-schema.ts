// PUT /api/printers/:id and POST /api/orders/:id/print bodies, GET /api/print-jobs query, as valibot schemas:
// the server's edge (principle 23). A public host is refused here, so nothing ever connects to one.

import * as v from 'valibot';
import { isPrinterHostAllowed } from './printer-address.ts';
import { PRINT_JOB_STATES, PRINTER_COLUMNS, PRINTER_KINDS } from './printers.ts';
import { MenuSlugSchema } from './menu.ts';
import { textSchema, UuidSchema } from './schemas.ts';

export const PRINTER_NAME_MAX = 60;
export const PRINTER_CATEGORIES_MAX = 100;

export const PrinterIdSchema = MenuSlugSchema;

export const PrinterBodySchema = v.strictObject({
  name: v.pipe(
    textSchema(PRINTER_NAME_MAX),
    v.check((s) => s.trim().length > 0, 'must not be empty'),
  ),
  host: v.pipe(
    v.string('must be text'),
    v.trim(),
    v.check(
      isPrinterHostAllowed,
      'must be a loopback or private address or a .local name, never a public one',
    ),
  ),
  port: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1),
    v.maxValue(65535),
  ),
  columns: v.picklist(PRINTER_COLUMNS, 'must be 32, 42 or 48'),
  kind: v.picklist(PRINTER_KINDS, 'must be receipt or kitchen'),
  categories: v.pipe(v.array(MenuSlugSchema), v.maxLength(PRINTER_CATEGORIES_MAX)),
  drawerKick: v.boolean('must be true or false'),
});

export const PrintRequestSchema = v.strictObject({
  id: UuidSchema,
  kind: v.picklist(['receipt', 'kitchen'] as const, 'must be receipt or kitchen'),
  printer: v.optional(PrinterIdSchema),
});

export const PrintJobsQuerySchema = v.strictObject({
  printer: v.optional(PrinterIdSchema),
  state: v.optional(v.picklist(PRINT_JOB_STATES)),
});

export const ReceiptQuerySchema = v.strictObject({
  columns: v.optional(
    v.pipe(v.string(), v.transform(Number), v.picklist(PRINTER_COLUMNS, 'must be 32, 42 or 48')),
  ),
});
