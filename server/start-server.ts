// Opens the store, builds the app and listens. Used by main.ts and by tests (port 0 is fine).
// close() stops accepting, ends SSE streams, waits for in-flight requests, then closes the database.

import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp, type RateLimitOptions } from './app.ts';
import { offerOwnerPairing } from './owner-bootstrap.ts';
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
  trustProxy?: boolean;
  /** ORDERLINE_ADMIN_TOKEN (>= 32 characters). */
  adminToken?: string;
  /** ORDERLINE_METRICS_TOKEN. */
  metricsToken?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The one-time owner pairing address printed at start (no owner device and no admin token), else null. */
  ownerPairUrl: string | null;
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
      adminToken: options.adminToken,
      metricsToken: options.metricsToken,
    });
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The plain localhost address for now; the TLS setup adds the HTTPS one.
  let offer: Awaited<ReturnType<typeof offerOwnerPairing>>;
  try {
    offer = await offerOwnerPairing(app.deviceStore, { adminToken: options.adminToken, baseUrl: url });
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
  if (offer) {
    app.log.warn(
      { expiresAt: offer.expiresAt },
      `No owner device yet. Pair the owner's device within 1 hour at ${offer.pairUrl}`,
    );
  }
  let closing: Promise<void> | null = null;
  return {
    app,
    url,
    ownerPairUrl: offer?.pairUrl ?? null,
    close() {
      // app.close() waits for in-flight requests (and so their writes); only then the DB goes.
      closing ??= app.close().then(() => store.close());
      return closing;
    },
  };
}
