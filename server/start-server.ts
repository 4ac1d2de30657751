// Opens the store, builds the app and listens. Used by main.ts and by tests (port 0 is fine).
// close() stops accepting, ends SSE streams, waits for in-flight requests up to the shutdown grace
// period, then destroys every remaining socket, and only then closes the database.

import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp, type RateLimitOptions } from './app.ts';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.ts';
import type { TrustProxy } from './trust-proxy.ts';
import { openStore } from './store/open-store.ts';

export interface StartServerOptions {
  port: number;
  host: string;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir?: string;
  databaseUrl?: string;
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
  rateLimit?: RateLimitOptions | false;
  heartbeatMs?: number;
  trustProxy?: TrustProxy;
  allowedHosts?: readonly string[];
  limits?: Partial<ServerLimits>;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const store = await openStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  let app: FastifyInstance;
  try {
    app = await buildApp({
      store,
      logger: options.logger,
      distDir: options.distDir,
      rateLimit: options.rateLimit,
      heartbeatMs: options.heartbeatMs,
      trustProxy: options.trustProxy,
      allowedHosts: options.allowedHosts,
      limits: options.limits,
    });
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close() {
      // app.close() waits for in-flight requests (and so their writes); only then the DB goes.
      closing ??= (async () => {
        // A slow upload would hold close() open for the whole request timeout; past the grace
        // period every socket goes, finished or not.
        const graceMs = options.limits?.shutdownGraceMs ?? DEFAULT_LIMITS.shutdownGraceMs;
        const deadline = setTimeout(() => {
          app.log.warn('shutdown grace period over: closing every remaining connection');
          app.server.closeAllConnections();
        }, graceMs);
        try {
          await app.close();
        } finally {
          clearTimeout(deadline);
        }
        await store.close();
      })();
      return closing;
    },
  };
}
