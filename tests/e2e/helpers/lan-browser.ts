// A tablet on the shop's LAN, simulated: the real server started with ORDERLINE_TLS_NAMES=<name>, and a
// Chromium that resolves <name> to 127.0.0.1 and trusts the server's local CA the way a person does on Linux
// (a fresh HOME whose ~/.pki/nssdb holds the CA, added with certutil). Never --ignore-certificate-errors.
//
// API (stable; the pairing and two-device specs reuse it):
//   startLanServer({ name?, env? }) → LanServer       server + httpUrl/httpsUrl on the LAN name + the CA (PEM)
//   createTrustingHome(caPem) → TrustingHome         a HOME whose NSS database trusts the CA; dispose()
//   lanLaunchOptions({ home, name }) → LaunchOptions  Chromium flags and env for that HOME and name
//   launchLanBrowser(server) → LanBrowser            both of the above, launched; dispose() closes and cleans up
//   (CSP violations are recorded with ./csp-violations.ts)

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium-args.ts';
import { recordCspViolations } from './csp-violations.ts';
import { findChromium } from './find-chromium.ts';
import { freePort, startServer, type ServerProcess } from './server-process.ts';

const run = promisify(execFile);

/** The LAN name the specs use: .test is reserved (RFC 2606), so it can never reach a real host. */
export const LAN_NAME = 'orderline.test';

export interface LanServer {
  server: ServerProcess;
  name: string;
  httpsPort: number;
  /** Plain HTTP on the LAN name: what a tablet types first. */
  httpUrl: string;
  httpsUrl: string;
  /** The local CA certificate the server made in <data>/tls/ca.crt. */
  caPem: string;
}

export async function startLanServer(
  options: { name?: string; env?: Record<string, string> } = {},
): Promise<LanServer> {
  const name = options.name ?? LAN_NAME;
  // The server process is told its HTTPS port, since the spec must know it (HTTPS_PORT=0 would hide it).
  const httpsPort = await freePort();
  const server = await startServer({
    env: { HTTPS_PORT: String(httpsPort), ORDERLINE_TLS_NAMES: name, ...options.env },
  });
  const caPem = await readFile(join(server.dataDir, 'tls', 'ca.crt'), 'utf8');
  return {
    server,
    name,
    httpsPort,
    httpUrl: `http://${name}:${server.port}`,
    httpsUrl: `https://${name}:${httpsPort}`,
    caPem,
  };
}

export interface TrustingHome {
  home: string;
  dispose(): Promise<void>;
}

/** A HOME whose NSS database (Chromium's trust store on Linux) trusts `caPem` for TLS servers ("C,,"). */
export async function createTrustingHome(caPem: string): Promise<TrustingHome> {
  const home = await mkdtemp(join(tmpdir(), 'orderline-lan-home-'));
  const nssdb = join(home, '.pki', 'nssdb');
  await mkdir(nssdb, { recursive: true });
  const caFile = join(home, 'orderline-ca.crt');
  await writeFile(caFile, caPem);
  try {
    await run('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password']);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error("certutil is missing: install Debian's libnss3-tools (apt-get install libnss3-tools)");
  }
  await run('certutil', ['-A', '-d', `sql:${nssdb}`, '-n', 'Orderline local CA', '-t', 'C,,', '-i', caFile]);
  return { home, dispose: () => rm(home, { recursive: true, force: true }) };
}

export function lanLaunchOptions({ home, name = LAN_NAME }: { home: string; name?: string }): LaunchOptions {
  return {
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${name} 127.0.0.1`],
    env: { ...(process.env as Record<string, string>), HOME: home },
  };
}

export interface LanBrowser {
  browser: Browser;
  /** A fresh device (own profile, SW allowed) with CSP violations recorded. */
  newDevice(): Promise<BrowserContext>;
  dispose(): Promise<void>;
}

export async function launchLanBrowser(lan: LanServer): Promise<LanBrowser> {
  const trusting = await createTrustingHome(lan.caPem);
  const browser = await chromium.launch(lanLaunchOptions({ home: trusting.home, name: lan.name }));
  return {
    browser,
    async newDevice() {
      const context = await browser.newContext({ serviceWorkers: 'allow' });
      await recordCspViolations(context);
      return context;
    },
    async dispose() {
      await browser.close();
      await trusting.dispose();
    },
  };
}
