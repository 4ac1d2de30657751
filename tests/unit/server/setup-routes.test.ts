// The /setup page and its downloads: what the page says (and that the strict CSP allows all of it), the CA
// as DER and inside the Apple profile, parsed back with x509 and compared with the CA on disk.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { openMemoryStore } from './memory-store.ts';
import type { OrderStore } from '../../../server/store/order-store.ts';
import { setupInfoProvider, type HttpsEndpoint } from '../../../server/tls/https-endpoint.ts';
import { TLS_FILES } from '../../../server/tls/tls-material.ts';
import * as x509 from '../../../server/tls/x509.ts';
import { TEST_ADMIN_TOKEN } from './order-fixtures.ts';
import { shopEndpoint } from './tls/tls-fixtures.ts';

let dir: string;
let store: OrderStore;
let app: FastifyInstance;
let endpoint: HttpsEndpoint;
let caOnDisk: x509.X509Certificate;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orderline-setup-'));
  store = await openMemoryStore();
  endpoint = await shopEndpoint(dir);
  app = await buildApp({
    store,
    rateLimit: false,
    distDir: '/nonexistent-orderline-dist',
    adminToken: TEST_ADMIN_TOKEN,
    https: endpoint,
  });
  caOnDisk = new x509.X509Certificate(await readFile(join(dir, 'tls', TLS_FILES.caCert), 'utf8'));
}, 180_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

function setupPage(host: string) {
  return app.inject({ url: '/setup', headers: { host }, remoteAddress: '192.168.1.31' });
}

describe('GET /setup', () => {
  it('gives Chromebook and Linux steps, and a no-script trust probe its CSP allows', async () => {
    const res = await setupPage('orderline.test:8080');
    expect(res.body).toContain('<strong>Chromebook</strong>');
    expect(res.body).toContain('<strong>Linux, Chrome or Chromium</strong>');
    expect(res.body).toContain('update-ca-certificates');
    expect(res.body).toContain('<img src="https://orderline.test:8443/setup/trusted.svg" alt=""');
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toMatch(/img-src [^;]*'self'[^;]* https:\/\/orderline\.test:8443/);
    // Only images: scripts and connections stay same-origin.
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/connect-src 'self'(;|$)/);

    const probe = await app.inject({ url: '/setup/trusted.svg', headers: { host: 'orderline.test:8443' } });
    expect(probe.statusCode).toBe(200);
    expect(probe.headers['content-type']).toMatch(/^image\/svg\+xml/);
    // Loaded by the plain-HTTP page from the HTTPS origin: a cross-origin image must be allowed to load.
    expect(probe.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(probe.body).toContain('This device trusts Orderline');
  });

  it('tells what to do, with the CA fingerprint, both downloads and the HTTPS address as text and QR code', async () => {
    const res = await setupPage('orderline.test:8080');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain('Install the Orderline certificate');
    expect(html).toContain(endpoint.material.ca!.fingerprint);
    // Plain HTTP can be altered: the page says to compare with the server's screen and the owner's Devices screen.
    expect(html).toContain('Compare it with the server’s own screen too');
    expect(html).toContain('owner’s Devices screen');
    expect(html).toContain('href="/setup/ca.crt"');
    expect(html).toContain('href="/setup/orderline.mobileconfig"');
    expect(html).toContain(
      '<a class="address" href="https://orderline.test:8443">https://orderline.test:8443</a>',
    );
    expect(html).toMatch(
      /<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code for https:\/\/orderline.test:8443"/,
    );
    expect(html).toContain('Pair this device');
  });

  it('has nothing the CSP would block: no inline script, style element or style attribute; its CSS is a file', async () => {
    const html = (await setupPage('orderline.test:8080')).body;
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="/setup/setup.css">');
    const css = await app.inject({ url: '/setup/setup.css', headers: { host: 'orderline.test:8080' } });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('links the name the device used when the certificate covers it, else the main address', async () => {
    expect((await setupPage('192.168.1.20:8080')).body).toContain('href="https://192.168.1.20:8443"');
    expect((await setupPage('shop-pc.local:8080')).body).toContain('href="https://shop-pc.local:8443"');
    // An allowed Host the certificate does not cover (ORDERLINE_ALLOWED_HOSTS) must not become the link.
    expect(setupInfoProvider(endpoint)('proxy.example.com').httpsUrl).toBe('https://orderline.test:8443');
    // A name that is not this server's never reaches the page (Host allowlist, DNS rebinding).
    expect((await setupPage('evil.test:8080')).statusCode).toBe(421);
    expect(setupInfoProvider(endpoint)('[fe80::1c2b:3aff:fe4d:5e6f]')).toEqual({
      httpsUrl: 'https://[fe80::1c2b:3aff:fe4d:5e6f]:8443',
      caFingerprint: endpoint.material.ca!.fingerprint,
    });
  });
});

describe('GET /setup/ca.crt', () => {
  it('is the CA certificate as DER, application/x-x509-ca-cert, equal to the CA on disk', async () => {
    const res = await app.inject({ url: '/setup/ca.crt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-x509-ca-cert');
    // Byte-for-byte the DER on disk (x509 would also parse base64 or PEM text, which devices do not all take).
    expect(res.rawPayload.equals(Buffer.from(caOnDisk.rawData))).toBe(true);
    const served = new x509.X509Certificate(new Uint8Array(res.rawPayload));
    expect(served.equal(caOnDisk)).toBe(true);
    expect(served.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    expect(res.rawPayload.toString('latin1')).not.toContain('PRIVATE KEY');
  });
});

describe('GET /setup/orderline.mobileconfig', () => {
  it('is an Apple configuration profile whose com.apple.security.root payload is the CA', async () => {
    const res = await app.inject({ url: '/setup/orderline.mobileconfig' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-apple-aspen-config');
    const profile = res.body;
    expect(profile).toContain('<string>com.apple.security.root</string>');
    expect(profile).toContain('<string>Configuration</string>');
    const base64 = /<data>([\s\S]*?)<\/data>/.exec(profile)![1]!.replace(/\s/g, '');
    const payload = new x509.X509Certificate(new Uint8Array(Buffer.from(base64, 'base64')));
    expect(payload.equal(caOnDisk)).toBe(true);
    const uuids = [...profile.matchAll(/<key>PayloadUUID<\/key>\s*<string>([^<]+)<\/string>/g)].map(
      (m) => m[1],
    );
    expect(uuids).toHaveLength(2);
    for (const uuid of uuids)
      expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(new Set(uuids).size).toBe(2);
  });
});

describe('GET /api/setup', () => {
  it('reports the HTTPS address for the name the device used, and the CA fingerprint', async () => {
    const res = await app.inject({ url: '/api/setup', headers: { host: 'shop-pc.local:8443' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      httpsUrl: 'https://shop-pc.local:8443',
      caFingerprint: endpoint.material.ca!.fingerprint,
    });
  });
});

describe('POST /api/pairings on the server machine', () => {
  it('gives a code made on localhost the LAN HTTPS address, and keeps a LAN name the owner used', async () => {
    const pairUrl = async (host: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/pairings',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, host },
        payload: { role: 'counter' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ pairUrl: string }>().pairUrl;
    };
    // The endpoint's main address (ORDERLINE_TLS_NAMES first, then the LAN IPv4), never localhost.
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST:8443']) {
      expect(await pairUrl(host), host).toMatch(/^https:\/\/orderline\.test:8443\/pair\?code=/);
    }
    expect(await pairUrl('shop-pc.local:8443')).toMatch(/^https:\/\/shop-pc\.local:8443\/pair\?code=/);
  });
});

describe('arbitrary Host headers on POST /api/pairings', () => {
  it('never answer 5xx, and a created code never points at a loopback address', async () => {
    const host = fc.oneof(
      fc.constantFrom(
        'localhost',
        '127.0.0.1',
        '127.1.2.3:9',
        '[::1]',
        '[',
        '[::1',
        '127.',
        'LocalHost.',
        'shop-pc.local',
      ),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(host, async (value) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/pairings',
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, host: value },
          payload: { role: 'display' },
        });
        expect(res.statusCode, value).toBeLessThan(500);
        if (res.statusCode === 201) {
          expect(new URL(res.json<{ pairUrl: string }>().pairUrl).hostname).not.toMatch(
            /^(localhost|127\.|\[::1\])/,
          );
        }
      }),
      { numRuns: 150, seed: 20261206 },
    );
  }, 120_000);
});
