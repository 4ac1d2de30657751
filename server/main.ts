// Server entry point: reads the environment, starts the server, shuts down cleanly on SIGTERM/SIGINT
// (close-with-grace exits anyway if the graceful close overruns its deadline).

import closeWithGrace from 'close-with-grace';
import { LOCALHOST_NAMES, namesFromEnv } from './host-check.ts';
import { limitsFromEnv } from './limits.ts';
import { machineNames } from './machine-names.ts';
import { startupBanner } from './setup/startup-banner.ts';
import { MenuFileError } from './menu-file.ts';
import { MigrationError } from './store/migrate.ts';
import { parseBackupHour } from './backup/backup-schedule.ts';
import { startServer } from './start-server.ts';
import { parseTlsNames } from './tls/certificate-names.ts';
import { parseTrustProxy } from './trust-proxy.ts';

/** A positive number of days, or the default when unset; anything else stops the start with a clear message. */
function retentionDays(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) {
    throw new Error(`ORDERLINE_FEED_RETENTION_DAYS must be a positive number of days, not "${raw}"`);
  }
  return days;
}

const host = process.env.HOST ?? '0.0.0.0';
// Warnings and errors only by default: per-request lines (info) would scroll the start-up banner away.
const logLevel = process.env.LOG_LEVEL || 'warn';
const limits = limitsFromEnv(process.env);
const machine = machineNames();

const server = await startServer({
  port: Number(process.env.PORT ?? 8080),
  host,
  dataDir: process.env.ORDERLINE_DATA_DIR ?? './data',
  databaseUrl: process.env.DATABASE_URL || undefined,
  // TRUST_PROXY=1 behind one load balancer or TLS-terminating proxy (or its addresses): client IPs for the
  // rate limits, and X-Forwarded-Proto for HTTPS.
  trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
  allowedHosts: [
    ...LOCALHOST_NAMES,
    // A server bound to one address is reached by it.
    ...(host === '0.0.0.0' || host === '::' ? [] : [host]),
    // The names the certificate covers: a tablet on the LAN reaches the server by one of them.
    ...(machine.hostName === '' ? [] : [machine.hostName]),
    ...(machine.localName === null ? [] : [machine.localName]),
    ...machine.addresses,
    ...namesFromEnv(process.env.ORDERLINE_TLS_NAMES),
    ...namesFromEnv(process.env.ORDERLINE_ALLOWED_HOSTS),
  ],
  limits,
  feedRetentionDays: retentionDays(process.env.ORDERLINE_FEED_RETENTION_DAYS),
  // Another build of the client (e2e update tests serve a second release from a temp dir).
  distDir: process.env.ORDERLINE_DIST_DIR || undefined,
  logger: { level: logLevel },
  // An empty variable counts as unset.
  adminToken: process.env.ORDERLINE_ADMIN_TOKEN || undefined,
  metricsToken: process.env.ORDERLINE_METRICS_TOKEN || undefined,
  https: {
    port: Number(process.env.HTTPS_PORT ?? 8443),
    certFile: process.env.TLS_CERT_FILE || undefined,
    keyFile: process.env.TLS_KEY_FILE || undefined,
    extraNames: parseTlsNames(process.env.ORDERLINE_TLS_NAMES),
    machine,
  },
  menuFile: process.env.ORDERLINE_MENU_FILE || undefined,
  backupHour: parseBackupHour(process.env.ORDERLINE_BACKUP_HOUR),
}).catch((error: unknown) => {
  // A broken menu file is the operator's to fix: say which entry, without a stack trace.
  if (error instanceof MenuFileError || error instanceof MigrationError) {
    console.error(`orderline: cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
});
// The human block first, then the log: the banner says what to open before any JSON line.
process.stdout.write(
  `${await startupBanner({
    endpoint: server.https,
    httpPort: Number(new URL(server.url).port),
    owner:
      server.ownerLocalPairUrl && server.ownerPairExpiresAt
        ? { localPairUrl: server.ownerLocalPairUrl, expiresAt: server.ownerPairExpiresAt }
        : null,
    logLevel,
  })}\n`,
);
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
}

// server.close() destroys every socket after the grace period; this is the backstop beyond it.
closeWithGrace({ delay: limits.shutdownGraceMs + 1500 }, async ({ signal, err }) => {
  if (err) server.app.log.error({ err }, 'shutting down after an uncaught error');
  else server.app.log.info({ signal }, 'shutting down');
  await server.close();
});
