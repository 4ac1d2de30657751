// GET /api/menu (any device; `?version=N` for a published version) and the owner's edits: PUT/DELETE
// an item, PUT a category. Each edit answers the new menu; `If-Match: <version>` guards against stale editors.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { ACCESS } from '../../protocol/roles.ts';
import {
  DiscountBodySchema,
  IF_MATCH_PATTERN,
  MenuCategoryBodySchema,
  MenuItemBodySchema,
  MenuQuerySchema,
  MenuExportQuerySchema,
  MenuSettingsBodySchema,
  MenuSlugSchema,
  OptionGroupBodySchema,
  TaxRateBodySchema,
} from '../../protocol/menu.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import { sendError } from '../api-error.ts';
import {
  archiveOptionGroupStep,
  discountStep,
  optionGroupStep,
  taxModeStep,
  taxRateStep,
} from '../store/menu-pricing-store.ts';
import { menuResponse, type MenuEditResult, type MenuStore } from '../store/menu-store.ts';
import { importStep, menuCsv, menuExport } from '../store/menu-import.ts';
import { csvCell } from '../day-report-csv.ts';
import { checkMenuFile } from '../menu-file.ts';

/** A whole menu (1,000 items with groups) is larger than an order: the import's own body limit. */
const MENU_IMPORT_MAX_BYTES = 1024 * 1024;

export interface MenuRoutesOptions {
  menu: MenuStore;
}

type IdParams = { Params: { id: string } };

/** The If-Match version, null when absent, or undefined when malformed (the caller answers 400). */
function ifMatchVersion(request: FastifyRequest): number | null | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const match = typeof header === 'string' ? IF_MATCH_PATTERN.exec(header.trim()) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function answerEdit(reply: FastifyReply, result: MenuEditResult): FastifyReply {
  switch (result.kind) {
    case 'published':
    case 'unchanged':
      return reply.header('etag', `"${result.menu.version}"`).send(menuResponse(result.menu));
    case 'version_conflict':
      return sendError(
        reply,
        412,
        'version_conflict',
        `the menu is at version ${result.current}; reload it and edit again`,
      );
    case 'unknown_category':
      return sendError(reply, 422, 'unknown_category', `no category "${result.category}" on the menu`);
    case 'unknown_option_group':
      return sendError(reply, 422, 'unknown_option_group', `no option group "${result.group}" on the menu`);
    case 'unknown_tax_rate':
      return sendError(reply, 422, 'unknown_tax_rate', `no tax rate "${result.rate}" on the menu`);
    case 'invalid_menu':
      return sendError(reply, 422, 'invalid_menu', `${result.path}: ${result.message}`);
    case 'not_found':
      return sendError(reply, 404, 'not_found', 'no such menu entry');
  }
}

export async function menuRoutes(app: FastifyInstance, { menu }: MenuRoutesOptions) {
  app.get('/api/menu', { config: { access: ACCESS.read } }, async (request, reply) => {
    const query = v.safeParse(MenuQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const version = query.output.version;
    const snapshot = version === undefined ? await menu.current() : await menu.atVersion(version);
    if (!snapshot) return sendError(reply, 404, 'not_found', `menu version ${version} was never published`);
    return reply.header('etag', `"${snapshot.version}"`).send(menuResponse(snapshot));
  });

  /** Validates the slug, If-Match and body, then runs the edit; any 4xx changes nothing. */
  async function runEdit<T>(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    schema: v.GenericSchema<unknown, T> | null,
    apply: (id: string, body: T, ifMatch: number | null) => Promise<MenuEditResult>,
  ): Promise<FastifyReply> {
    const id = v.safeParse(MenuSlugSchema, request.params.id);
    if (!id.success) return sendError(reply, 400, 'invalid_id', `id ${describeIssues(id.issues)}`);
    const ifMatch = ifMatchVersion(request);
    if (ifMatch === undefined)
      return sendError(reply, 400, 'invalid_header', 'If-Match must be a menu version');
    let body = undefined as T;
    if (schema) {
      const parsed = v.safeParse(schema, request.body);
      if (!parsed.success) return sendError(reply, 400, 'invalid_body', describeIssues(parsed.issues));
      body = parsed.output;
    }
    return answerEdit(reply, await apply(id.output, body, ifMatch));
  }

  app.put<IdParams>('/api/menu/items/:id', { config: { access: ACCESS.ownerOnly } }, (request, reply) =>
    runEdit(request, reply, MenuItemBodySchema, (id, body, ifMatch) => menu.putItem(id, body, ifMatch)),
  );

  app.delete<IdParams>('/api/menu/items/:id', { config: { access: ACCESS.ownerOnly } }, (request, reply) =>
    runEdit(request, reply, null, (id, _body, ifMatch) => menu.archiveItem(id, ifMatch)),
  );

  app.put<IdParams>('/api/menu/categories/:id', { config: { access: ACCESS.ownerOnly } }, (request, reply) =>
    runEdit(request, reply, MenuCategoryBodySchema, (id, body, ifMatch) =>
      menu.putCategory(id, body, ifMatch),
    ),
  );

  // Part 3 (principles 18-20): the pricing half of the menu, each edit one new version.
  app.patch('/api/menu', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const ifMatch = ifMatchVersion(request);
    if (ifMatch === undefined)
      return sendError(reply, 400, 'invalid_header', 'If-Match must be a menu version');
    const parsed = v.safeParse(MenuSettingsBodySchema, request.body);
    if (!parsed.success) return sendError(reply, 400, 'invalid_body', describeIssues(parsed.issues));
    return answerEdit(reply, await menu.edit(ifMatch, taxModeStep(parsed.output)));
  });

  app.put<IdParams>('/api/menu/tax-rates/:id', { config: { access: ACCESS.ownerOnly } }, (request, reply) =>
    runEdit(request, reply, TaxRateBodySchema, (id, body, ifMatch) =>
      menu.edit(ifMatch, taxRateStep(id, body)),
    ),
  );

  app.put<IdParams>(
    '/api/menu/option-groups/:id',
    { config: { access: ACCESS.ownerOnly } },
    (request, reply) =>
      runEdit(request, reply, OptionGroupBodySchema, (id, body, ifMatch) =>
        menu.edit(ifMatch, optionGroupStep(id, body)),
      ),
  );

  app.delete<IdParams>(
    '/api/menu/option-groups/:id',
    { config: { access: ACCESS.ownerOnly } },
    (request, reply) =>
      runEdit(request, reply, null, (id, _body, ifMatch) => menu.edit(ifMatch, archiveOptionGroupStep(id))),
  );

  app.put<IdParams>('/api/menu/discounts/:id', { config: { access: ACCESS.ownerOnly } }, (request, reply) =>
    runEdit(request, reply, DiscountBodySchema, (id, body, ifMatch) =>
      menu.edit(ifMatch, discountStep(id, body)),
    ),
  );

  // Export/import of the whole menu (docs/decisions.md: DESIGN names no routes for them).
  app.get('/api/menu/export', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const query = v.safeParse(MenuExportQuerySchema, request.query);
    if (!query.success) return sendError(reply, 400, 'invalid_query', describeIssues(query.issues));
    const snapshot = await menu.current();
    const name = `orderline-menu-v${snapshot.version}`;
    if (query.output.format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(menuCsv(snapshot, csvCell));
    }
    return reply
      .header('etag', `"${snapshot.version}"`)
      .header('content-disposition', `attachment; filename="${name}.json"`)
      .send(menuExport(snapshot));
  });

  app.post(
    '/api/menu/import',
    { config: { access: ACCESS.ownerOnly }, bodyLimit: MENU_IMPORT_MAX_BYTES },
    async (request, reply) => {
      const ifMatch = ifMatchVersion(request);
      if (ifMatch === undefined)
        return sendError(reply, 400, 'invalid_header', 'If-Match must be a menu version');
      // Checked whole before anything is written; the answer names the first bad entry.
      const checked = checkMenuFile(request.body);
      if (!checked.ok)
        return sendError(
          reply,
          422,
          'invalid_menu',
          `${checked.path ? `${checked.path}: ` : ''}${checked.message}`,
        );
      const current = await menu.current();
      return answerEdit(reply, await menu.edit(ifMatch, importStep(checked.menu, current.currency)));
    },
  );
}
