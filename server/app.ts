// Builds the Fastify app: auth, security headers, API routes, SSE hub, metrics, rate limiting and
// static files. Tests call buildApp with a store and use inject; start-server.ts adds listening and shutdown.

import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_HEADER, API_HEADER_VALUE, HEARTBEAT_MS, MAX_BODY_BYTES } from '../protocol/api.ts';
import { ACCESS } from '../protocol/roles.ts';
import { HttpError, handleError, sendError } from './api-error.ts';
import { apiRoutes } from './api-routes.ts';
import { installAuthHook, isApiPath } from './auth/auth-plugin.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { createPairingAttempts } from './auth/pairing-attempts.ts';
import { createSseHub, type SseHub } from './events.ts';
import { createMetrics } from './metrics.ts';
import { loggerOptions } from './log-redaction.ts';
import { deviceRoutes } from './routes/device-routes.ts';
import { pairingRoutes, type SetupInfo } from './routes/pairing-routes.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { serveStaticFiles } from './static-files.ts';
import { createDeviceStore, type DeviceStore, type DeviceStoreOptions } from './store/device-store.ts';
import type { OrderStore } from './store/order-store.ts';

export interface RateLimitOptions {
  /** Requests per client IP per window. */
  max: number;
  timeWindowMs: number;
}

/**
 * Generous on purpose: a busy counter flushing its outbox after an outage, or the benchmark, must
 * never be throttled. The limit only stops a runaway client from monopolising the server.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 20_000, timeWindowMs: 10_000 };

export interface BuildAppOptions {
  store: OrderStore;
  logger?: FastifyServerOptions['logger'];
  /** The built client; defaults to dist/ beside the repository root. */
  distDir?: string;
  /** false turns rate limiting off. */
  rateLimit?: RateLimitOptions | false;
  /** SSE heartbeat interval (tests shorten it). */
  heartbeatMs?: number;
  /** Trust X-Forwarded-For (behind a load balancer) for client IPs; off by default so it cannot be spoofed. */
  trustProxy?: boolean;
  /** ORDERLINE_ADMIN_TOKEN: an owner bearer token for automation and tests (>= 32 characters). */
  adminToken?: string;
  /** ORDERLINE_METRICS_TOKEN: a bearer token that may read /metrics (and nothing else). */
  metricsToken?: string;
  /** The HTTPS address and CA fingerprint for GET /api/setup (the TLS setup fills it in). */
  setupInfo?: () => SetupInfo;
  /** The clock for pairing-code expiry, revocation and last-seen times (tests inject one). */
  now?: () => Date;
  /** Device store tuning (tests lower the number of ticket codes). */
  deviceStore?: Omit<DeviceStoreOptions, 'now'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    sseHub: SseHub;
    deviceStore: DeviceStore;
  }
}

const NO_SETUP_INFO: SetupInfo = { httpsUrl: null, caFingerprint: null };

const DEFAULT_DIST_DIR = join(import.meta.dirname, '..', 'dist');

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  if (options.metricsToken !== undefined && options.metricsToken.length === 0) {
    throw new Error('ORDERLINE_METRICS_TOKEN must not be empty');
  }
  const devices = await createDeviceStore(options.store.database, { ...options.deviceStore, now });
  // Before Fastify exists, so a short admin token stops start-up with its own message.
  const authenticator = createAuthenticator({ devices, adminToken: options.adminToken, now });
  const app = Fastify({
    logger: loggerOptions(options.logger ?? false),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
  });
  const metrics = createMetrics();
  const hub = createSseHub({
    store: options.store,
    metrics,
    log: app.log,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
  });
  app.decorate('sseHub', hub);
  app.decorate('deviceStore', devices);
  // A changed device (here, or on another PostgreSQL instance) is re-read on its next request; a
  // revoked one loses its open event streams at once.
  const stopWatchingDevices = devices.onChange((deviceId) => {
    authenticator.invalidate(deviceId);
    const suspects = deviceId === '' ? hub.deviceIds() : [deviceId];
    for (const id of suspects) {
      devices.get(id).then(
        (device) => {
          if (!device || device.revokedAt !== null) hub.closeDevice(id);
        },
        (error: unknown) => app.log.error({ err: error, deviceId: id }, 'could not check a changed device'),
      );
    }
  });
  app.addHook('onClose', async () => stopWatchingDevices());
  app.setErrorHandler(handleError);
  // The API speaks JSON only: without Fastify's text/plain parser, any other content type is a 415.
  app.removeContentTypeParser('text/plain');

  // First hook of all, so errors, 404s, 413/415 and 429 carry the header too.
  app.addHook('onRequest', async (request, reply) => {
    if (isApiPath(request.url)) reply.header(API_HEADER, API_HEADER_VALUE);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: reply.statusCode });
    metrics.requestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // Streams would hold server.close() open forever: end them as soon as shutdown starts.
  app.addHook('preClose', async () => hub.close());

  await app.register(cookie);
  await installSecurityHeaders(app);
  // Rate limiting before authentication: a flood of made-up credentials must not become a flood of lookups.
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit) {
    await app.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'rate_limited', `too many requests; retry in ${context.after}`),
    });
  }
  installAuthHook(app, { authenticator, devices, metricsToken: options.metricsToken, now });

  await app.register(apiRoutes, { store: options.store, hub, metrics });
  await app.register(pairingRoutes, {
    devices,
    metrics,
    attempts: createPairingAttempts(now),
    setupInfo: options.setupInfo ?? (() => NO_SETUP_INFO),
  });
  await app.register(deviceRoutes, { devices, metrics });

  app.get('/healthz', { config: { access: ACCESS.public } }, async () => ({
    ok: true,
    db: options.store.kind,
  }));
  app.get('/metrics', { config: { access: ACCESS.ownerOnly, metricsToken: true } }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  const serving = await serveStaticFiles(app, options.distDir ?? DEFAULT_DIST_DIR);
  app.setNotFoundHandler((request, reply) => {
    if (isApiPath(request.url)) {
      return sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    }
    if (serving && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
  });

  return app;
}
