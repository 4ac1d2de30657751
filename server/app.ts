// Builds the Fastify app: auth, security headers, API routes, SSE hub, metrics, rate limiting, overload
// shedding, the Host allowlist and static files. Tests call buildApp with a store and use inject;
// start-server.ts adds listening and shutdown.

import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { API_HEADER, API_HEADER_VALUE, HEARTBEAT_MS, MAX_BODY_BYTES } from '../protocol/api.ts';
import type { MenuFile } from '../protocol/menu.ts';
import { ACCESS } from '../protocol/roles.ts';
import { HttpError, handleError, sendError } from './api-error.ts';
import { apiRoutes } from './api-routes.ts';
import { installAuthHook, isApiPath } from './auth/auth-plugin.ts';
import { checkMetricsToken, createAuthenticator } from './auth/authenticate.ts';
import { createPairingAttempts } from './auth/pairing-attempts.ts';
import { createSseHub, type SseHub } from './events.ts';
import { isAllowedHost, LOCALHOST_NAMES, normaliseAllowedHosts } from './host-check.ts';
import { connectionsCheckingIntervalMs, DEFAULT_LIMITS, type ServerLimits } from './limits.ts';
import { batchRoutes } from './routes/batch-routes.ts';
import { drawerRoutes } from './routes/drawer-routes.ts';
import { paymentRoutes } from './routes/payment-routes.ts';
import { backupRoutes } from './routes/backup-routes.ts';
import { NO_BACKUPS, type BackupService } from './backup/backup-service.ts';
import { SAMPLE_MENU } from './menu.ts';
import { createMetrics } from './metrics.ts';
import { menuRoutes } from './routes/menu-routes.ts';
import { createMenuStore } from './store/menu-store.ts';
import { settingsRoutes } from './routes/settings-routes.ts';
import { createSettingsStore } from './store/settings-store.ts';
import { loggerOptions } from './log-redaction.ts';
import { isLoopbackPeer, plainHttpRules } from './plain-http-rules.ts';
import { deviceRoutes } from './routes/device-routes.ts';
import { pairingRoutes, type SetupInfo } from './routes/pairing-routes.ts';
import { setupRoutes } from './routes/setup-routes.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { historyRoutes } from './routes/history-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { telemetryRoutes } from './routes/telemetry-routes.ts';
import { serveStaticFiles } from './static-files.ts';
import { createDeviceStore, type DeviceStore, type DeviceStoreOptions } from './store/device-store.ts';
import type { TrustProxy } from './trust-proxy.ts';
import type { OrderStore } from './store/order-store.ts';
import { installPrinting, type PrintingRoom, type PrintQueueTuning } from './printing/install-printing.ts';
import { setupInfoProvider, type HttpsEndpoint, type SetupInfoProvider } from './tls/https-endpoint.ts';

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
  /** Peers whose X-Forwarded-For names the client (hop count or proxy addresses); off by default. */
  trustProxy?: TrustProxy;
  /** Host header names (any port) the server answers; others get 421. Defaults to the localhost names. */
  allowedHosts?: readonly string[];
  /** Stream caps, slow-reader bytes, timeouts (DESIGN.md "Limits (Part 2)"); defaults in limits.ts. */
  limits?: Partial<ServerLimits>;
  /** The menu a new database is seeded with (ORDERLINE_MENU_FILE, already validated); default the sample. */
  menuSeed?: MenuFile;
  /** ORDERLINE_ADMIN_TOKEN: an owner bearer token for automation and tests (>= 32 characters). */
  adminToken?: string;
  /** ORDERLINE_METRICS_TOKEN: a bearer token that may read /metrics (and nothing else). */
  metricsToken?: string;
  /**
   * The server clock: pairing-code expiry, revocation and last-seen times, and the createdAt bound (at most a
   * day ahead). Tests inject one.
   */
  now?: () => Date;
  /** Device store tuning (tests lower the number of ticket codes). */
  deviceStore?: Omit<DeviceStoreOptions, 'now'>;
  /**
   * The HTTPS side of the server: turns on the plain-HTTP rules (app only for a loopback Host, /api only for
   * loopback peers) and the /setup page. Absent (most unit tests), plain HTTP serves everything as in Part 1.
   */
  https?: HttpsEndpoint;
  /** `{ httpsUrl, caFingerprint }` for `GET /api/setup`; defaults to the `https` endpoint's (both null without). */
  setupInfo?: SetupInfoProvider;
  /** Backups of this server's database (absent: none, as for an in-memory database) and the local token. */
  backups?: { service: BackupService; localToken?: string };
  /** Print queue tuning (tests shorten timeouts and leases); false runs no printer workers. */
  printing?: PrintQueueTuning | false;
}

declare module 'fastify' {
  interface FastifyInstance {
    sseHub: SseHub;
    deviceStore: DeviceStore;
  }
}

const NO_SETUP_INFO: SetupInfo = { httpsUrl: null, caFingerprint: null };

const DEFAULT_DIST_DIR = join(import.meta.dirname, '..', 'dist');

function isSourceMap(url: string): boolean {
  return /\.map$/i.test(url.split('?')[0] ?? '');
}

/** Fastify's own types take no hop count, so the count becomes proxy-addr's (address, hop) test. */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  // A hop count alone would let any direct peer on 0.0.0.0 write X-Forwarded-For/-Proto: the nearest hop must
  // be a proxy on this machine (a proxy elsewhere is listed by address instead).
  return (address, hop) => hop < trust && (hop > 0 || isLoopbackPeer(address));
}

/** Shed by @fastify/under-pressure (with its Retry-After); the client retries a 503. */
class OverloadedError extends HttpError {
  constructor() {
    super(503, 'unavailable', 'the server is overloaded; retry shortly');
  }
}

/** The rate-limit bucket: the client address, or one shared key once the client has gone (no 500s). */
function rateLimitKey(request: FastifyRequest): string {
  // request.ip reads the socket's peer address, which is undefined once the client disconnected.
  const ip: unknown = request.ip;
  return typeof ip === 'string' && ip !== '' ? ip.toLowerCase() : 'disconnected';
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // Without an explicit list: the localhost names and whatever the HTTPS certificate names.
  const allowedHosts = normaliseAllowedHosts(
    options.allowedHosts ?? [...LOCALHOST_NAMES, ...(options.https?.material.names ?? [])],
  );
  const now = options.now ?? (() => new Date());
  checkMetricsToken(options.metricsToken);
  const devices = await createDeviceStore(options.store.database, { ...options.deviceStore, now });
  // Before Fastify exists, so a short admin token stops start-up with its own message.
  const authenticator = createAuthenticator({ devices, adminToken: options.adminToken, now });
  const app = Fastify({
    logger: loggerOptions(options.logger ?? false),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    // Receiving a whole request (headers and body) is bounded; a stream's response is not a request.
    requestTimeout: limits.requestTimeoutMs,
    http: {
      // Node refuses a header deadline longer than the request deadline.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      // Node checks those deadlines on this interval (30 s by default, which would stretch them).
      connectionsCheckingInterval: connectionsCheckingIntervalMs(limits),
    },
    // A malformed URL never reaches a hook: it gets the API shape (and header) here.
    frameworkErrors(error, request, reply) {
      if (isApiPath(request.url)) reply.header(API_HEADER, API_HEADER_VALUE);
      const status = error.statusCode ?? 400;
      if (status >= 500) return sendError(reply, 500, 'internal', 'internal server error');
      return sendError(reply, 400, 'malformed_url', error.message);
    },
  });
  const metrics = createMetrics();
  const menu = await createMenuStore(options.store.database);
  await menu.seedIfEmpty(options.menuSeed ?? SAMPLE_MENU);
  const settings = await createSettingsStore(options.store.database, now);
  // Set once the routes are registered; the hub's greeting reads it on each new stream.
  let printing: PrintingRoom | null = null;
  const hub = createSseHub({
    store: options.store,
    metrics,
    log: app.log,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    limits,
    menuVersion: () => menu.currentVersion(),
    settings: () => settings.current(),
    greeting: async () => (printing ? [await printing.greeting()] : []),
  });
  const unsubscribeMenu = menu.subscribe((version) => hub.publishMenu(version));
  const unsubscribeSettings = settings.subscribe((value) => hub.publishSettings(value));
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
  // Before anything else answers: a rebound name must not read or write the shop's data.
  app.addHook('onRequest', async (request, reply) => {
    if (isAllowedHost(allowedHosts, request.headers.host)) return;
    const message = 'this server does not answer to that Host name';
    if (isApiPath(request.url)) return sendError(reply, 421, 'misdirected', message);
    return reply.code(421).type('text/plain; charset=utf-8').send(`${message}\n`);
  });
  if (options.https) await app.register(plainHttpRules);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: reply.statusCode });
    metrics.requestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // Streams would hold server.close() open forever: end them as soon as shutdown starts.
  app.addHook('preClose', async () => {
    unsubscribeMenu();
    unsubscribeSettings();
    hub.close();
  });

  await app.register(cookie);
  await installSecurityHeaders(app);
  if (limits.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: limits.maxEventLoopDelayMs,
      retryAfter: 2,
      customError: OverloadedError,
    });
  }

  // Rate limiting before authentication: a flood of made-up credentials must not become a flood of lookups.
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit) {
    await app.register(rateLimit, {
      max: limit.max,
      keyGenerator: rateLimitKey,
      timeWindow: limit.timeWindowMs,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'rate_limited', `too many requests; retry in ${context.after}`),
    });
  }
  installAuthHook(app, { authenticator, devices, metricsToken: options.metricsToken, now });

  const nowMs = () => now().getTime();
  await app.register(apiRoutes, { store: options.store, menu, hub, metrics, now: nowMs });
  await app.register(batchRoutes, { store: options.store, menu, metrics, now: nowMs });
  await app.register(paymentRoutes, { store: options.store, metrics, now: nowMs });
  await app.register(drawerRoutes, {
    store: options.store,
    metrics,
    now: nowMs,
    shop: async () => {
      const [{ locale, timeZone }, { currency }] = await Promise.all([settings.current(), menu.current()]);
      return { locale, timeZone, currency };
    },
  });
  await app.register(menuRoutes, { menu });
  await app.register(settingsRoutes, { settings });
  await app.register(backupRoutes, {
    backups: options.backups?.service ?? NO_BACKUPS,
    localToken: options.backups?.localToken,
  });
  await app.register(pairingRoutes, {
    devices,
    metrics,
    attempts: createPairingAttempts(now),
    setupInfo: options.setupInfo ?? (options.https ? setupInfoProvider(options.https) : () => NO_SETUP_INFO),
  });
  await app.register(deviceRoutes, { devices, metrics });
  // After the rate limiter, so the page (a QR code per request) is rate limited too.
  if (options.https)
    await app.register(setupRoutes, {
      endpoint: options.https,
      locale: async () => (await settings.current()).locale,
    });
  await app.register(historyRoutes, { store: options.store });
  await app.register(reportRoutes, {
    store: options.store,
    shopTimeZone: async () => (await settings.current()).timeZone,
    shopLocale: async () => (await settings.current()).locale,
  });
  await app.register(telemetryRoutes, { store: options.store, metrics });
  printing = await installPrinting(app, {
    store: options.store,
    menu,
    hub,
    settings,
    tuning: options.printing,
  });

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
    // Source maps are built for debugging from the repository, never handed out (nor faked by the SPA fallback).
    if (isSourceMap(request.url))
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    if (serving && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
  });

  return app;
}
