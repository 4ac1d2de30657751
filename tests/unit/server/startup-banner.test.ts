// The start-up banner: HTTPS addresses, CA fingerprint, setup address and a terminal QR code of the main address.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupBanner } from '../../../server/setup/startup-banner.ts';
import type { HttpsEndpoint } from '../../../server/tls/https-endpoint.ts';
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

describe('startupBanner', () => {
  it('names the main HTTPS address, every HTTPS address, the CA fingerprint and the setup address', async () => {
    const banner = await startupBanner({ endpoint, httpPort: 8080 });
    expect(banner).toContain('Open on each tablet:   https://192.168.1.20:8443');
    expect(banner).toContain('https://localhost:8443');
    expect(banner).toContain('https://[::1]:8443');
    expect(banner).toContain('https://shop-pc.local:8443');
    expect(banner).toContain(`SHA-256 ${endpoint.material.ca!.fingerprint}`);
    expect(banner).toContain('http://192.168.1.20:8080/setup');
  });

  it('ends with a QR code drawn in terminal block characters', async () => {
    const banner = await startupBanner({ endpoint, httpPort: 8080 });
    const qrLines = banner.split('\n').filter((line) => /[▀▄█]/.test(line));
    expect(qrLines.length).toBeGreaterThan(10);
  });
});
