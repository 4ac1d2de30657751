// POST /api/telemetry (any device, ≤ 10 a minute each) stores a device's window and feeds
// orderline_display_seconds; GET /api/telemetry/devices (owner) is the fleet view.

import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { ACCESS } from '../../protocol/roles.ts';
import { describeIssues } from '../../protocol/schemas.ts';
import {
  TELEMETRY_MAX_BODY_BYTES,
  TelemetryBodySchema,
  type FleetResponse,
} from '../../protocol/telemetry.ts';
import { sendError } from '../api-error.ts';
import type { Metrics } from '../metrics.ts';
import type { OrderStore } from '../store/order-store.ts';
import { createTelemetryStore } from '../store/telemetry-store.ts';
import { createWindowCounter } from '../window-counter.ts';

export interface TelemetryRoutesOptions {
  store: OrderStore;
  metrics: Metrics;
  now?: () => number;
}

export const TELEMETRY_PER_MINUTE = 10;

export async function telemetryRoutes(app: FastifyInstance, { store, metrics, now }: TelemetryRoutesOptions) {
  const telemetry = createTelemetryStore(store.database);
  // Per device, not per address (several devices may share one NAT address), and on even when the app-wide
  // per-IP limiter is off: telemetry is the one write any paired display can make.
  const perDevice = createWindowCounter({ limit: TELEMETRY_PER_MINUTE, windowMs: 60_000, now });

  app.post(
    '/api/telemetry',
    { config: { access: ACCESS.anyDevice }, bodyLimit: TELEMETRY_MAX_BODY_BYTES },
    async (request, reply) => {
      // Until the auth hook sets request.device, the caller is known only by its address.
      const deviceId = request.device?.id ?? `address:${request.ip}`;
      const role = request.device?.role ?? 'unknown';
      if (!perDevice.take(deviceId)) {
        return sendError(reply, 429, 'rate_limited', `at most ${TELEMETRY_PER_MINUTE} reports a minute`);
      }
      const body = v.safeParse(TelemetryBodySchema, request.body);
      if (!body.success) return sendError(reply, 400, 'invalid_body', describeIssues(body.issues));
      await telemetry.record(deviceId, role, body.output);
      metrics.displaySeconds.observe({ role }, body.output.displayMs.p95 / 1000);
      return reply.code(204).send();
    },
  );

  app.get('/api/telemetry/devices', { config: { access: ACCESS.ownerOnly } }, async () => {
    const response: FleetResponse = { devices: await telemetry.fleet() };
    return response;
  });
}
