// startServer with HTTPS: one app behind a plain and a TLS listener on real sockets, the certificate trusted
// through the local CA only (as a device that installed it), and a shutdown that closes both.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/start-server.ts';
import { SHOP_MACHINE, tinyDist } from './tls/tls-fixtures.ts';
import { migratedTemplate } from './memory-store.ts';

let dir: string;
let server: RunningServer;
let ca: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-https-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    initialDump: await migratedTemplate(),
    distDir: await tinyDist(join(dir, 'dist')),
    rateLimit: false,
    https: { port: 0, dataDir: dir, machine: SHOP_MACHINE, extraNames: ['orderline.test'] },
  });
  ca = Buffer.from(server.https!.material.ca!.der);
}, 180_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

function collect(resolve: (answer: Answer) => void) {
  return (res: IncomingMessage) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
  };
}

/** GET over TLS to 127.0.0.1, as `name` would be reached after DNS, trusting only the local CA. */
function httpsGet(path: string, name: string): Promise<Answer> {
  const port = server.https!.port();
  const caPem = `-----BEGIN CERTIFICATE-----\n${ca.toString('base64')}\n-----END CERTIFICATE-----\n`;
  return new Promise((resolve, reject) => {
    const headers = { host: `${name}:${port}` };
    const req = httpsRequest(
      { host: '127.0.0.1', port, path, ca: [caPem], servername: name, headers, agent: false },
      collect(resolve),
    );
    req.on('error', reject);
    req.end();
  });
}

/** GET over plain HTTP to 127.0.0.1 with the Host header a LAN device would send for `name`. */
function httpGet(path: string, name: string): Promise<Answer> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { host: `${name}:${port}` }, agent: false },
      collect(resolve),
    );
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS beside plain HTTP', () => {
  it('listens on a free HTTPS port (HTTPS_PORT=0) and reports its URL', () => {
    expect(server.https!.port()).toBeGreaterThan(0);
    expect(server.httpsUrl).toBe(`https://127.0.0.1:${server.https!.port()}`);
  });

  it('serves the app over HTTPS to a LAN name, with a certificate a device trusting the CA accepts', async () => {
    const res = await httpsGet('/', 'orderline.test');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Orderline</title>');
    expect((await httpsGet('/', 'shop-pc.local')).status).toBe(200);
  });

  it('sends the same name over plain HTTP to /setup (the one app tells the protocols apart)', async () => {
    const res = await httpGet('/', 'orderline.test');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/setup');
    expect((await httpGet('/', 'localhost')).status).toBe(200);
  });

  it('is refused by a client for a name the certificate does not carry', async () => {
    await expect(httpsGet('/healthz', 'elsewhere.test')).rejects.toThrow(/altnames|does not match/i);
  });
});
