// GET /api/settings (any paired device), PUT /api/settings (owner: the kitchen's thresholds, Part 2) and
// PATCH /api/settings (owner: any subset, with the shop's details of Part 3). A save is pushed to every
// device as `event: settings` (app.ts). A body that is wrong writes nothing and answers 400 with a code.

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import { SettingsPatchSchema, ShopSettingsSchema } from '../../protocol/settings-schema.ts';
import type { ShopSettings } from '../../protocol/settings.ts';
import { sendError } from '../api-error.ts';
import type { SettingsStore } from '../store/settings-store.ts';

export interface SettingsRoutesOptions {
  settings: SettingsStore;
}

/** The merged settings, or why they cannot be saved (a PATCH of one threshold may cross the other). */
function merged(current: ShopSettings, patch: Partial<ShopSettings>): ShopSettings | Error {
  const next = { ...current, ...patch };
  if (next.kitchenWarningMinutes >= next.kitchenLateMinutes) {
    return new Error(
      `kitchenWarningMinutes (${next.kitchenWarningMinutes}) must be less than kitchenLateMinutes (${next.kitchenLateMinutes})`,
    );
  }
  return next;
}

export async function settingsRoutes(app: FastifyInstance, { settings }: SettingsRoutesOptions) {
  app.get('/api/settings', { config: { access: ACCESS.read } }, async () => settings.current());

  // Part 2's body: the thresholds only; the shop's details stay as they are.
  app.put('/api/settings', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const body = v.safeParse(ShopSettingsSchema, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
    const saved = await settings.update((current) => merged(current, body.output));
    if (saved instanceof Error) return sendError(reply, 400, 'invalid_body', saved.message);
    return saved;
  });

  app.patch('/api/settings', { config: { access: ACCESS.ownerOnly } }, async (request, reply) => {
    const body = v.safeParse(SettingsPatchSchema, request.body);
    if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
    const patch = Object.fromEntries(
      Object.entries(body.output).filter(([, value]) => value !== undefined),
    ) as Partial<ShopSettings>;
    const saved = await settings.update((current) => merged(current, patch));
    if (saved instanceof Error) return sendError(reply, 400, 'invalid_body', saved.message);
    return saved;
  });
}
