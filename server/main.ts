// Server entry point: reads the environment, starts the server, shuts down cleanly on SIGTERM/SIGINT.

import { startupBanner } from './setup/startup-banner.ts';
import { startServer } from './start-server.ts';
import { parseTlsNames } from './tls/certificate-names.ts';

const port = Number(process.env.PORT ?? 8080);
const server = await startServer({
  port,
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: process.env.ORDERLINE_DATA_DIR ?? './data',
  databaseUrl: process.env.DATABASE_URL || undefined,
  // Set TRUST_PROXY=1 behind a load balancer or TLS-terminating proxy: client IPs and X-Forwarded-Proto.
  trustProxy: process.env.TRUST_PROXY === '1',
  // Another build of the client (e2e update tests serve a second release from a temp dir).
  distDir: process.env.ORDERLINE_DIST_DIR || undefined,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  https: {
    port: Number(process.env.HTTPS_PORT ?? 8443),
    certFile: process.env.TLS_CERT_FILE || undefined,
    keyFile: process.env.TLS_KEY_FILE || undefined,
    extraNames: parseTlsNames(process.env.ORDERLINE_TLS_NAMES),
  },
  // An empty variable counts as unset.
  adminToken: process.env.ORDERLINE_ADMIN_TOKEN || undefined,
  metricsToken: process.env.ORDERLINE_METRICS_TOKEN || undefined,
});
server.app.log.info(`Orderline listening on ${server.url} and ${server.httpsUrl}`);
if (server.https) {
  const { material } = server.https;
  server.app.log.info(
    { names: material.names, issued: material.issued, caFingerprint: material.ca?.fingerprint ?? null },
    'HTTPS certificate',
  );
  if (material.leftOut.length > 0) {
    server.app.log.warn(
      { leftOut: material.leftOut },
      'these names are outside the local CA name constraints and are not in the certificate; see README "Run it on your shop\'s network"',
    );
  }
  const httpPort = Number(new URL(server.url).port);
  process.stdout.write(`${await startupBanner({ endpoint: server.https, httpPort })}\n`);
}

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
