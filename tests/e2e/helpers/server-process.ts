// Runs the REAL Orderline server (`node --import tsx server/main.ts`) as a child process for e2e tests:
// start on a free port with a fresh data dir (in a Playwright run, a copy of the run's migrated template:
// tests/e2e/setup/data-dir-template.ts), wait for /healthz, stop (SIGTERM), kill (SIGKILL), start again
// on the same port and data dir (optionally serving another build via ORDERLINE_DIST_DIR).
//
// API (stable; fault and bench helpers import it):
//   startServer(options?) → Promise<ServerProcess>   started and healthy
//   ServerProcess: url, port, dataDir, running, logs(), stop(), kill(), start({ distDir?, env? }), restart({ distDir?, env? }), dispose()

import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Set by the e2e global setup: a data dir on which only openStore (every migration) has run. A fresh data dir
 * starts as a copy of it, which is what a new server's own first start would have made of it: the local CA,
 * server.json and any backup are still each server's own, made by its first start.
 */
export const DATA_DIR_TEMPLATE_ENV = 'ORDERLINE_E2E_DATA_TEMPLATE';
/** Set by the e2e global setup too: where fresh data dirs go (RAM, /dev/shm, where the machine has it). */
export const DATA_ROOT_ENV = 'ORDERLINE_E2E_DATA_ROOT';

export interface ServerOptions {
  /** Reuse an existing data dir (default: a fresh temp dir, removed by dispose()). */
  dataDir?: string;
  port?: number;
  /** Serve this build instead of the server's default `dist/` (env ORDERLINE_DIST_DIR). */
  distDir?: string;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** How long to wait for /healthz (default 60 s: PGlite boots in ~2.5 s alone, far slower on a loaded 2-core box). */
  healthTimeoutMs?: number;
}

export interface StartOptions {
  distDir?: string;
  /** Environment to change from this start on (e.g. ORDERLINE_TLS_NAMES), over the options' env; kept for later starts. */
  env?: Record<string, string>;
}

const LOG_LIMIT = 64 * 1024;

/** Every e2e server runs with this owner bearer token (ORDERLINE_ADMIN_TOKEN); tests pair devices with it. */
export const E2E_ADMIN_TOKEN = 'orderline-e2e-admin-token-0123456789abcdef';

/** Asks the OS for a port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('could not read the probe port'));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ServerProcess {
  readonly url: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private distDir: string | undefined;
  private env: Record<string, string>;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    private readonly options: ServerOptions,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.distDir = options.distDir;
    this.env = { ...options.env };
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The last 64 KiB of the server's stdout and stderr, for failure messages. */
  logs(): string {
    return this.output;
  }

  async start(startOptions: StartOptions = {}): Promise<void> {
    if (this.child !== null) throw new Error('server already running');
    if (startOptions.distDir !== undefined) this.distDir = startOptions.distDir;
    if (startOptions.env !== undefined) this.env = { ...this.env, ...startOptions.env };
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(this.port),
      HOST: '127.0.0.1',
      // Request logs would only cost CPU the browsers need; warnings and errors still reach logs().
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ORDERLINE_DATA_DIR: this.dataDir,
      ORDERLINE_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      // Beside every e2e server: a free HTTPS port, so parallel servers never fight over 8443.
      HTTPS_PORT: '0',
      ...(this.distDir !== undefined ? { ORDERLINE_DIST_DIR: this.distDir } : {}),
      ...this.env,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const append = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-LOG_LIMIT);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        append(Buffer.from(`\n[server exited: code=${code} signal=${signal}]\n`));
        if (this.child === child) this.child = null;
        resolve();
      });
    });
    await this.waitHealthy(child);
  }

  private async waitHealthy(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + (this.options.healthTimeoutMs ?? 60_000);
    let lastError = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.child !== child) throw new Error(`server exited before it was healthy:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
        lastError = `HTTP ${response.status}`;
      } catch (error) {
        // Connection refused until the server listens: expected while it boots; keep the reason for the report.
        lastError = error instanceof Error ? error.message : String(error);
      }
      await sleep(100);
    }
    await this.kill();
    throw new Error(`server not healthy after the timeout (${lastError}):\n${this.output}`);
  }

  /** Graceful stop (SIGTERM); escalates to SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === null) return;
    child.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!done) await this.kill();
  }

  /** Abrupt death (SIGKILL): what a crash or power loss looks like to clients. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === null) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  async restart(startOptions: StartOptions = {}): Promise<void> {
    await this.stop();
    await this.start(startOptions);
  }

  /** Stops the server and removes the data dir if this helper created it. */
  async dispose(): Promise<void> {
    await this.kill();
    if (this.ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Fills a new, empty data dir from the run's migrated template, when the run has one (else leaves it empty). */
export async function copyDataDirTemplate(dataDir: string): Promise<void> {
  const template = process.env[DATA_DIR_TEMPLATE_ENV];
  if (template !== undefined && template !== '') await cp(template, dataDir, { recursive: true });
}

export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const root = process.env[DATA_ROOT_ENV] || tmpdir();
  const dataDir = options.dataDir ?? (await mkdtemp(join(root, 'orderline-e2e-')));
  const port = options.port ?? (await freePort());
  const server = new ServerProcess(port, dataDir, ownsDataDir, options);
  try {
    // PostgreSQL servers keep no database in the data dir: theirs stays empty, as it would be.
    const postgres = (options.env?.DATABASE_URL ?? process.env.DATABASE_URL ?? '') !== '';
    if (ownsDataDir && !postgres) await copyDataDirTemplate(dataDir);
    await server.start();
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return server;
}
