// Paired devices (DESIGN.md "HTTP API, part 2"): a device asks who it is (GET /api/me); the owner
// lists, renames, re-roles and revokes devices. Role changes and revocations take effect at once
// (the device store tells the auth cache and the SSE hub, see server/app.ts).

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { PatchDeviceBodySchema, type DeviceIdentity, type DevicesResponse } from '../../protocol/pairing.ts';
import { ACCESS } from '../../protocol/roles.ts';
import { UuidSchema, describeIssues } from '../../protocol/schemas.ts';
import { sendError } from '../api-error.ts';
import type { Metrics } from '../metrics.ts';
import type { DeviceStore } from '../store/device-store.ts';
import { toListEntry } from './device-views.ts';

export interface DeviceRoutesOptions {
  devices: DeviceStore;
  metrics: Metrics;
}

export async function deviceRoutes(app: FastifyInstance, { devices, metrics }: DeviceRoutesOptions) {
  app.get('/api/me', { config: { access: ACCESS.anyDevice } }, async (request) => {
    // The hook guarantees a device here; the admin token answers as its fixed owner identity.
    const device = request.device!;
    const me: DeviceIdentity = { id: device.id, name: device.name, role: device.role, code: device.code };
    return me;
  });

  app.get('/api/devices', { config: { access: ACCESS.ownerOnly } }, async () => {
    const connected = new Set(app.sseHub.deviceIds());
    const response: DevicesResponse = {
      devices: (await devices.list()).map((device) => toListEntry(device, connected)),
    };
    return response;
  });

  app.patch<{ Params: { id: string } }>(
    '/api/devices/:id',
    { config: { access: ACCESS.ownerOnly } },
    async (request, reply) => {
      const id = v.safeParse(UuidSchema, request.params.id);
      if (!id.success) return sendError(reply, 404, 'not_found', 'no such device');
      const body = v.safeParse(PatchDeviceBodySchema, request.body);
      if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
      const before = await devices.get(id.output);
      if (!before) return sendError(reply, 404, 'not_found', 'no such device');
      const after = await devices.update(id.output, body.output);
      if (!after) return sendError(reply, 404, 'not_found', 'no such device');
      if (after.role !== before.role) {
        metrics.deviceChanges.inc({ change: 'role_changed' });
        request.log.info(
          { deviceId: after.id, from: before.role, to: after.role, by: request.device?.id },
          'device role changed',
        );
      }
      if (after.name !== before.name) metrics.deviceChanges.inc({ change: 'renamed' });
      return toListEntry(after, new Set(app.sseHub.deviceIds()));
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/devices/:id',
    { config: { access: ACCESS.ownerOnly } },
    async (request, reply) => {
      const id = v.safeParse(UuidSchema, request.params.id);
      const revoked = id.success ? await devices.revoke(id.output) : null;
      if (!revoked) return sendError(reply, 404, 'not_found', 'no such device');
      metrics.deviceChanges.inc({ change: 'revoked' });
      request.log.info(
        { deviceId: revoked.id, role: revoked.role, by: request.device?.id },
        'device revoked',
      );
      return reply.code(204).send();
    },
  );
}
