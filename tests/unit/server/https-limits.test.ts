// Connection limits on the HTTPS listener (issue 26): a client that sends half its headers is cut at the
// header deadline (not ~30 s later), a TCP connection that never starts TLS at the handshake deadline (not
// Node's 120 s), and connections beyond the cap are closed at once.

import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/start-server.ts';
import { SHOP_MACHINE, tinyDist } from './tls/tls-fixtures.ts';
import { migratedTemplate } from './memory-store.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-https-limits-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    initialDump: await migratedTemplate(),
    distDir: await tinyDist(join(dir, 'dist')),
    rateLimit: false,
    limits: {
      headersTimeoutMs: 1000,
      requestTimeoutMs: 20_000,
      tlsHandshakeTimeoutMs: 800,
      maxConnections: 4,
      shutdownGraceMs: 500,
    },
    https: { port: 0, dataDir: dir, machine: SHOP_MACHINE, extraNames: ['orderline.test'] },
  });
}, 180_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Milliseconds from now until the server closes `socket`. */
function closedAfter(socket: Socket): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) => {
    socket.on('error', () => {});
    socket.on('close', () => resolve(performance.now() - start));
  });
}

describe('HTTPS connection limits', () => {
  it('cuts a TCP connection that never starts TLS at the handshake deadline', async () => {
    const socket = tcpConnect(server.https!.port(), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ms = await closedAfter(socket);
    expect(ms).toBeGreaterThan(500);
    expect(ms).toBeLessThan(3000);
  });

  it('cuts a TLS client that sends half its headers at the header deadline', async () => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port: server.https!.port(),
      servername: 'orderline.test',
      rejectUnauthorized: false,
    });
    await new Promise((resolve) => socket.once('secureConnect', resolve));
    const closed = closedAfter(socket);
    socket.write('GET /healthz HTTP/1.1\r\nHost: orderline.test\r\n');
    // A byte a second keeps the connection busy but never ends the headers.
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 300);
    try {
      const ms = await closed;
      expect(ms).toBeLessThan(3500);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
  });

  it('closes connections beyond the cap at once', async () => {
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const socket = tcpConnect(server.https!.port(), '127.0.0.1');
        socket.on('error', () => {});
        await new Promise((resolve) => socket.once('connect', resolve));
        sockets.push(socket);
      }
      const extra = tcpConnect(server.https!.port(), '127.0.0.1');
      sockets.push(extra);
      const ms = await closedAfter(extra);
      expect(ms).toBeLessThan(400);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
