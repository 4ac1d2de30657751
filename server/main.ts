// Server entry point: reads the environment, starts the server, shuts down cleanly on SIGTERM/SIGINT
// (close-with-grace exits anyway if the graceful close overruns its deadline).

import closeWithGrace from 'close-with-grace';
import { LOCALHOST_NAMES, namesFromEnv } from './host-check.ts';
import { limitsFromEnv } from './limits.ts';
import { startServer } from './start-server.ts';
import { parseTrustProxy } from './trust-proxy.ts';

const host = process.env.HOST ?? '0.0.0.0';
const limits = limitsFromEnv(process.env);
const server = await startServer({
  port: Number(process.env.PORT ?? 8080),
  host,
  dataDir: process.env.ORDERLINE_DATA_DIR ?? './data',
  databaseUrl: process.env.DATABASE_URL || undefined,
  // TRUST_PROXY=1 behind one load balancer (or its addresses) so rate limits apply per real client IP.
  trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
  allowedHosts: [
    ...LOCALHOST_NAMES,
    // A server bound to one address is reached by it.
    ...(host === '0.0.0.0' || host === '::' ? [] : [host]),
    ...namesFromEnv(process.env.ORDERLINE_TLS_NAMES),
    ...namesFromEnv(process.env.ORDERLINE_ALLOWED_HOSTS),
  ],
  limits,
  // Another build of the client (e2e update tests serve a second release from a temp dir).
  distDir: process.env.ORDERLINE_DIST_DIR || undefined,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
});
server.app.log.info(`Orderline listening on ${server.url}`);

// server.close() destroys every socket after the grace period; this is the backstop beyond it.
closeWithGrace({ delay: limits.shutdownGraceMs + 1500 }, async ({ signal, err }) => {
  if (err) server.app.log.error({ err }, 'shutting down after an uncaught error');
  else server.app.log.info({ signal }, 'shutting down');
  await server.close();
});
