// The start-up banner: one human block before any log line — the one-time owner link on `localhost`, the setup
// page for tablets, the HTTPS caveat, the CA fingerprint — and a terminal QR code of the setup page. The last
// test runs server/main.ts itself: the banner comes first and a request adds no log line at the default level.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupBanner } from '../../../server/setup/startup-banner.ts';
import type { HttpsEndpoint } from '../../../server/tls/https-endpoint.ts';
import { spawnServerChild } from './server-child.ts';
import { shopEndpoint } from './tls/tls-fixtures.ts';

let dir: string;
let endpoint: HttpsEndpoint;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-banner-'));
  endpoint = await shopEndpoint(dir, []);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const owner = {
  localPairUrl: 'http://localhost:8080/pair?code=ABCD-EFGH',
  expiresAt: '2026-12-01T13:00:00Z',
};
const fixedTime = () => '13:00';

describe('startupBanner', () => {
  it('puts the owner link first, then the setup page, the HTTPS address and its caveat', async () => {
    const banner = await startupBanner({
      endpoint,
      httpPort: 8080,
      owner,
      logLevel: 'warn',
      formatTime: fixedTime,
    });
    const at = (text: string) => banner.indexOf(text);
    expect(banner.trimStart().startsWith('Orderline is running.')).toBe(true);
    expect(at('1. Make this computer')).toBeGreaterThan(0);
    expect(banner).toContain('before 13:00');
    expect(at('http://localhost:8080/pair?code=ABCD-EFGH')).toBeGreaterThan(at('1. Make this computer'));
    expect(at('2. Set up each tablet')).toBeGreaterThan(at('http://localhost:8080/pair'));
    expect(at('http://192.168.1.20:8080/setup')).toBeGreaterThan(at('2. Set up each tablet'));
    expect(banner).toContain('https://192.168.1.20:8443');
    expect(banner).toMatch(/before the certificate is trusted, that HTTPS address shows a browser warning/);
    expect(at('3. Pair each tablet')).toBeGreaterThan(at('https://192.168.1.20:8443'));
    expect(banner).toContain('https://[::1]:8443');
    expect(banner).toContain('https://shop-pc.local:8443');
    expect(banner).toContain(`SHA-256 ${endpoint.material.ca!.fingerprint}`);
    expect(banner).toContain('warnings and errors only below (LOG_LEVEL=info logs every request)');
  });

  it('has no owner step once an owner device exists, and names another log level as it is', async () => {
    const banner = await startupBanner({ endpoint, httpPort: 8080, owner: null, logLevel: 'info' });
    expect(banner).not.toContain('/pair?code=');
    expect(banner).toContain('1. Set up each tablet');
    expect(banner).toContain('Log: level info below.');
  });

  it('without HTTPS, points the tablets at the plain setup page and says nothing of a certificate', async () => {
    const banner = await startupBanner({ endpoint: null, httpPort: 8080, owner, logLevel: 'warn' });
    expect(banner).toContain('http://localhost:8080/setup');
    expect(banner).not.toContain('SHA-256');
  });

  it('ends with a QR code of the setup page drawn in terminal block characters', async () => {
    const banner = await startupBanner({ endpoint, httpPort: 8080, owner: null, logLevel: 'warn' });
    expect(banner).toContain('QR code of the setup page (http://192.168.1.20:8080/setup)');
    const qrLines = banner.split('\n').filter((line) => /[▀▄█]/.test(line));
    expect(qrLines.length).toBeGreaterThan(10);
  });
});

describe('server/main.ts start-up output', () => {
  it('prints the banner with the owner link on localhost before any JSON, and no per-request log by default', async () => {
    const data = await mkdtemp(join(tmpdir(), 'orderline-banner-run-'));
    // No admin token and no owner: a first start. LOG_LEVEL unset: the default level.
    const server = spawnServerChild(data, { ORDERLINE_ADMIN_TOKEN: '', LOG_LEVEL: '' });
    const lines: string[] = [];
    createInterface({ input: server.child.stdout! }).on('line', (line) => lines.push(line));
    try {
      await expect
        .poll(() => lines.some((line) => line.includes('QR code of the setup page')), { timeout: 100_000 })
        .toBe(true);
      const port = /http:\/\/localhost:(\d+)\/pair\?code=/.exec(lines.join('\n'))?.[1];
      expect(port).toBeDefined();
      // The owner link says localhost even though this server binds 127.0.0.1 (HOST in server-child.ts).
      expect(lines.join('\n')).not.toMatch(/http:\/\/127\.0\.0\.1:\d+\/pair/);
      const firstText = lines.findIndex((line) => line.trim() !== '');
      expect(lines[firstText]).toBe('Orderline is running.');
      expect(lines.slice(0, firstText).every((line) => line.trim() === '')).toBe(true);
      const before = lines.length;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(lines.slice(before).filter((line) => line.startsWith('{'))).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(data, { recursive: true, force: true });
    }
  }, 130_000);
});
