// Server entry point: reads the environment, starts the server, shuts down cleanly on SIGTERM/SIGINT.

import { startServer } from './start-server.ts';

const server = await startServer({
  port: Number(process.env.PORT ?? 8080),
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: process.env.ORDERLINE_DATA_DIR ?? './data',
  databaseUrl: process.env.DATABASE_URL || undefined,
  // Set TRUST_PROXY=1 behind a load balancer so rate limits apply per real client IP.
  trustProxy: process.env.TRUST_PROXY === '1',
  // Another build of the client (e2e update tests serve a second release from a temp dir).
  distDir: process.env.ORDERLINE_DIST_DIR || undefined,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  // An empty variable counts as unset.
  adminToken: process.env.ORDERLINE_ADMIN_TOKEN || undefined,
  metricsToken: process.env.ORDERLINE_METRICS_TOKEN || undefined,
});
server.app.log.info(`Orderline listening on ${server.url}`);

function shutdown(signal: NodeJS.Signals): void {
  server.app.log.info({ signal }, 'shutting down');
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      server.app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
