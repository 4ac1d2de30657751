// GET /api/settings (any paired device) and PUT /api/settings (owner): the shop's settings, today the
// kitchen's warning and late thresholds. A save is pushed to every device as `event: settings` (app.ts).

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import { ShopSettingsSchema } from '../../protocol/settings-schema.ts';
import { sendError } from '../api-error.ts';
import type { SettingsStore } from '../store/settings-store.ts';

export interface SettingsRoutesOptions {
  settings: SettingsStore;
}

export async function settingsRoutes(app: FastifyInstance, { settings }: SettingsRoutesOptions) {
  app.get('/api/settings', { config: { access: ACCESS.read } }, async () => settings.current());

  app.put('/api/settings', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const body = v.safeParse(ShopSettingsSchema, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
    return settings.put(body.output);
  });
}
