// Opens the store, builds the app and listens: plain HTTP on `port`, and HTTPS on `httpsPort` when given, one
// Fastify app behind both. Used by main.ts and by tests (port 0 is fine). close() stops accepting, ends SSE
// streams, waits for in-flight requests up to the shutdown grace period, then destroys every remaining
// socket, and only then closes the database.

import { mkdtemp } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp, type RateLimitOptions } from './app.ts';
import { connectionsCheckingIntervalMs, DEFAULT_LIMITS, type ServerLimits } from './limits.ts';
import { machineNames, type MachineNames } from './machine-names.ts';
import { loadMenuFile } from './menu-file.ts';
import { offerOwnerPairing } from './owner-bootstrap.ts';
import type { TrustProxy } from './trust-proxy.ts';
import { openStore } from './store/open-store.ts';
import { serverBackups } from './backup/server-backups.ts';
import { primaryHttpsHost, setupInfoProvider, type HttpsEndpoint } from './tls/https-endpoint.ts';
import { loadTlsMaterial } from './tls/tls-material.ts';

export interface HttpsOptions {
  /** HTTPS_PORT; 0 picks a free port (tests). */
  port: number;
  /** TLS_CERT_FILE + TLS_KEY_FILE (PEM) replace the local CA. */
  certFile?: string;
  keyFile?: string;
  /** ORDERLINE_TLS_NAMES, parsed. */
  extraNames?: readonly string[];
  /** Where `tls/` goes; defaults to dataDir (the local CA must outlive restarts, so never memory://). */
  dataDir?: string;
  /** The machine's names (tests pass their own). */
  machine?: MachineNames;
  now?: () => Date;
}

export interface StartServerOptions {
  port: number;
  host: string;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir?: string;
  databaseUrl?: string;
  /** `memory://` only: the PGlite dump the database starts from (the unit tests' migrated template). */
  initialDump?: Blob;
  /** ORDERLINE_FEED_RETENTION_DAYS: how long finished orders stay in the changes feed (default 7). */
  feedRetentionDays?: number;
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
  rateLimit?: RateLimitOptions | false;
  heartbeatMs?: number;
  trustProxy?: TrustProxy;
  allowedHosts?: readonly string[];
  limits?: Partial<ServerLimits>;
  /** Serve HTTPS beside plain HTTP; absent = plain HTTP only (unit tests). */
  https?: HttpsOptions;
  /** ORDERLINE_MENU_FILE: seeds a new database's menu; validated before anything is opened or written. */
  menuFile?: string;
  /** ORDERLINE_ADMIN_TOKEN (>= 32 characters). */
  adminToken?: string;
  /** ORDERLINE_METRICS_TOKEN. */
  metricsToken?: string;
  /** ORDERLINE_BACKUP_HOUR: the local hour of the daily backup (default 4). */
  backupHour?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The HTTPS URL on the listening host (null without HTTPS). */
  httpsUrl: string | null;
  /** Certificate, CA and main address (null without HTTPS): the start-up log and /setup read it. */
  https: HttpsEndpoint | null;
  /** The one-time owner pairing address printed at start (no owner device and no admin token), else null. */
  ownerPairUrl: string | null;
  /** The same code on this machine's plain `http://localhost:…` (a secure context without the CA), else null. */
  ownerLocalPairUrl: string | null;
  ownerPairExpiresAt: string | null;
  close(): Promise<void>;
}

/** The host this machine's own browser uses: `localhost` for a wildcard or loopback bind (as the README says). */
function localUrlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '::1' || host.startsWith('127.')) return 'localhost';
  return urlHost(host);
}

function urlHost(host: string): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return shown.includes(':') ? `[${shown}]` : shown;
}

interface PreparedHttps {
  endpoint: HttpsEndpoint;
  /** Called once the HTTPS listener knows its port. */
  setPort(port: number): void;
}

async function prepareHttps(options: HttpsOptions, dataDir: string | undefined): Promise<PreparedHttps> {
  let tlsDataDir = options.dataDir ?? dataDir;
  const usesFiles = options.certFile !== undefined || options.keyFile !== undefined;
  if (!usesFiles && (tlsDataDir === undefined || tlsDataDir.startsWith('memory://'))) {
    // A throw-away database gets a throw-away CA: nothing about it outlives the process, so no device should
    // be asked to trust it (the start-up log says where it is).
    tlsDataDir = await mkdtemp(join(tmpdir(), 'orderline-tls-'));
  }
  const machine = options.machine ?? machineNames();
  const extraNames = options.extraNames ?? [];
  const material = await loadTlsMaterial({
    dataDir: tlsDataDir ?? '',
    certFile: options.certFile,
    keyFile: options.keyFile,
    machine,
    extraNames,
    now: options.now,
  });
  let port = options.port;
  const endpoint: HttpsEndpoint = {
    material,
    primaryHost: primaryHttpsHost(machine, extraNames, material.names),
    port: () => port,
  };
  return { endpoint, setPort: (listening) => (port = listening) };
}

function listenHttps(server: HttpsServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const menuSeed = options.menuFile ? await loadMenuFile(options.menuFile) : undefined;
  const prepared = options.https ? await prepareHttps(options.https, options.dataDir) : null;
  const endpoint = prepared?.endpoint ?? null;
  const store = await openStore({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    feedRetentionDays: options.feedRetentionDays,
    backupDataDir: options.databaseUrl ? options.dataDir : undefined,
    initialDump: options.initialDump,
  });
  const backups = serverBackups({
    database: store.database,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
  });
  let app: FastifyInstance;
  let httpsServer: HttpsServer | null = null;
  try {
    app = await buildApp({
      store,
      logger: options.logger,
      distDir: options.distDir,
      rateLimit: options.rateLimit,
      heartbeatMs: options.heartbeatMs,
      trustProxy: options.trustProxy,
      https: endpoint ?? undefined,
      setupInfo: endpoint ? setupInfoProvider(endpoint) : undefined,
      menuSeed,
      adminToken: options.adminToken,
      metricsToken: options.metricsToken,
      allowedHosts: options.allowedHosts,
      limits: options.limits,
      backups: backups.forApp,
    });
    await app.listen({ port: options.port, host: options.host });
    app.server.maxConnections = options.limits?.maxConnections ?? DEFAULT_LIMITS.maxConnections;
    if (prepared && options.https) {
      // The same handler as the plain listener (app.routing): one app, and request.protocol tells them apart.
      const { material } = prepared.endpoint;
      const limits = { ...DEFAULT_LIMITS, ...options.limits };
      httpsServer = createHttpsServer(
        {
          key: material.keyPem,
          cert: material.certPem,
          // A connection that never starts (or finishes) TLS is cut instead of held for Node's 120 s.
          handshakeTimeout: limits.tlsHandshakeTimeoutMs,
          // The same deadlines as Fastify's own server; the interval is given at creation only.
          requestTimeout: app.server.requestTimeout,
          headersTimeout: app.server.headersTimeout,
          keepAliveTimeout: app.server.keepAliveTimeout,
          connectionsCheckingInterval: connectionsCheckingIntervalMs(limits),
        },
        app.routing,
      );
      httpsServer.maxConnections = limits.maxConnections;
      prepared.setPort(await listenHttps(httpsServer, options.https.port, options.host));
    }
  } catch (error) {
    httpsServer?.close();
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${urlHost(options.host)}:${port}`;
  // The owner's first device pairs over HTTPS when it is served (a tablet needs it for its service worker).
  const pairBase = endpoint ? `https://${urlHost(endpoint.primaryHost)}:${endpoint.port()}` : url;
  let offer: Awaited<ReturnType<typeof offerOwnerPairing>>;
  try {
    offer = await offerOwnerPairing(app.deviceStore, { adminToken: options.adminToken, baseUrl: pairBase });
  } catch (error) {
    httpsServer?.close();
    await app.close();
    await store.close();
    throw error;
  }
  // The same one-time code twice: over HTTPS for a tablet that trusts the CA, and over plain HTTP for a
  // browser on this machine (a secure context without installing anything). The start-up banner prints the
  // local one for people; the log keeps it at info for whoever reads JSON logs.
  const localPairUrl = offer
    ? `http://${localUrlHost(options.host)}:${port}/pair${new URL(offer.pairUrl).search}`
    : null;
  if (offer) {
    app.log.info(
      { expiresAt: offer.expiresAt },
      `No owner device yet. Pair the owner's device within 1 hour at ${localPairUrl} (HTTPS: ${offer.pairUrl})`,
    );
  }
  await backups.start({ port, host: options.host, hour: options.backupHour, log: app.log });
  let closing: Promise<void> | null = null;
  return {
    app,
    url,
    httpsUrl: endpoint ? `https://${urlHost(options.host)}:${endpoint.port()}` : null,
    https: endpoint,
    ownerPairUrl: offer?.pairUrl ?? null,
    ownerLocalPairUrl: localPairUrl,
    ownerPairExpiresAt: offer?.expiresAt ?? null,
    close() {
      const graceMs = options.limits?.shutdownGraceMs ?? DEFAULT_LIMITS.shutdownGraceMs;
      closing ??= backups
        .stop()
        .then(() => closeAll(app, httpsServer, graceMs))
        .then(() => store.close());
      return closing;
    },
  };
}

/**
 * Stops both listeners: app.close() ends the SSE streams and waits for in-flight requests (and so their writes).
 * A slow upload would hold that open for the whole request timeout, so past the grace period every remaining
 * socket of both listeners goes, finished or not.
 */
async function closeAll(
  app: FastifyInstance,
  httpsServer: HttpsServer | null,
  graceMs: number,
): Promise<void> {
  const httpsClosed = httpsServer
    ? new Promise<void>((resolve) => httpsServer.close(() => resolve()))
    : Promise.resolve();
  httpsServer?.closeIdleConnections();
  const deadline = setTimeout(() => {
    app.log.warn('shutdown grace period over: closing every remaining connection');
    app.server.closeAllConnections();
    httpsServer?.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
    // Keep-alive connections that finished a request while the app was closing are idle now.
    httpsServer?.closeIdleConnections();
    await httpsClosed;
  } finally {
    clearTimeout(deadline);
  }
}
