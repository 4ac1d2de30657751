// Builds the Fastify app: API routes, SSE hub, metrics, rate limiting and static files. Tests call
// buildApp with a store and use inject; start-server.ts adds listening and shutdown.

import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_HEADER, API_HEADER_VALUE, HEARTBEAT_MS, MAX_BODY_BYTES } from '../protocol/api.ts';
import type { MenuFile } from '../protocol/menu.ts';
import { HttpError, handleError, sendError } from './api-error.ts';
import { apiRoutes } from './api-routes.ts';
import { createSseHub, type SseHub } from './events.ts';
import { SAMPLE_MENU } from './menu.ts';
import { createMetrics } from './metrics.ts';
import { menuRoutes } from './routes/menu-routes.ts';
import { createMenuStore } from './store/menu-store.ts';
import { serveStaticFiles } from './static-files.ts';
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
  /** The menu a new database is seeded with (ORDERLINE_MENU_FILE, already validated); default the sample. */
  menuSeed?: MenuFile;
  /** ORDERLINE_ADMIN_TOKEN: an owner bearer token for automation and tests (>= 32 characters). */
  adminToken?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    sseHub: SseHub;
  }
}

const DEFAULT_DIST_DIR = join(import.meta.dirname, '..', 'dist');

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
  });
  const metrics = createMetrics();
  const menu = await createMenuStore(options.store.database);
  await menu.seedIfEmpty(options.menuSeed ?? SAMPLE_MENU);
  const hub = createSseHub({
    store: options.store,
    metrics,
    log: app.log,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    menuVersion: () => menu.currentVersion(),
  });
  const unsubscribeMenu = menu.subscribe((version) => hub.publishMenu(version));
  app.decorate('sseHub', hub);
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
  app.addHook('preClose', async () => {
    unsubscribeMenu();
    hub.close();
  });

  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit) {
    await app.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'rate_limited', `too many requests; retry in ${context.after}`),
    });
  }

  await app.register(apiRoutes, { store: options.store, menu, hub, metrics });
  await app.register(menuRoutes, { menu });

  app.get('/healthz', async () => ({ ok: true, db: options.store.kind }));
  app.get('/metrics', async (_request, reply) =>
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
