// Prometheus metrics for one app instance (its own registry, so several apps can share a process).

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  requestSeconds: Histogram<'method' | 'route'>;
  sseClients: Gauge;
  sseStreamsRefused: Counter<'scope'>;
  sseStreamsDropped: Counter<'reason'>;
  ordersCreated: Counter;
  idempotentReplays: Counter<'kind'>;
  pushFanoutSeconds: Histogram;
  /** Pairing codes created and pairing attempts, by outcome. */
  pairings: Counter<'result'>;
  /** Revocations, role changes and renames of devices. */
  deviceChanges: Counter<'change'>;
  /** From POST /api/telemetry: one observation per reported window, of that window's display p95. */
  displaySeconds: Histogram<'role'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'orderline_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'orderline_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    sseClients: new Gauge({
      name: 'orderline_sse_clients',
      help: 'Connected /api/events streams',
      registers: [registry],
    }),
    sseStreamsRefused: new Counter({
      name: 'orderline_sse_streams_refused_total',
      help: 'Event streams refused with 429 because a per-device or per-server cap was reached',
      labelNames: ['scope'],
      registers: [registry],
    }),
    sseStreamsDropped: new Counter({
      name: 'orderline_sse_streams_dropped_total',
      help: 'Event streams closed by the server (a reader too far behind, a replay that failed)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    ordersCreated: new Counter({
      name: 'orderline_orders_created_total',
      help: 'Orders created (replays not counted)',
      registers: [registry],
    }),
    idempotentReplays: new Counter({
      name: 'orderline_idempotent_replays_total',
      help: 'Writes answered from an earlier identical request',
      labelNames: ['kind'],
      registers: [registry],
    }),
    pushFanoutSeconds: new Histogram({
      name: 'orderline_push_fanout_seconds',
      help: 'Commit to written on every SSE stream',
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers: [registry],
    }),
    pairings: new Counter({
      name: 'orderline_pairings_total',
      help: 'Pairing codes created (code_created) and pairing attempts (paired, repaired, invalid_code, rate_limited, codes_exhausted)',
      labelNames: ['result'],
      registers: [registry],
    }),
    deviceChanges: new Counter({
      name: 'orderline_device_changes_total',
      help: 'Device revocations, role changes and renames',
      labelNames: ['change'],
      registers: [registry],
    }),
    displaySeconds: new Histogram({
      name: 'orderline_display_seconds',
      help: 'Device-reported display latency: the p95 of each telemetry window, by device role',
      labelNames: ['role'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
