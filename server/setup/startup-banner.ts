// The start-up banner for the person at the server: the HTTPS addresses, the CA fingerprint, the setup
// address, and a terminal QR code of the main HTTPS address for a tablet's camera. Plain text, not a log line.

import QRCode from 'qrcode';
import { allHttpsUrls, httpsUrl, type HttpsEndpoint } from '../tls/https-endpoint.ts';

export interface BannerInput {
  endpoint: HttpsEndpoint;
  /** The plain-HTTP port (the setup page is there, for devices that do not trust the CA yet). */
  httpPort: number;
}

export async function startupBanner({ endpoint, httpPort }: BannerInput): Promise<string> {
  const main = httpsUrl(endpoint);
  const host = endpoint.primaryHost.includes(':') ? `[${endpoint.primaryHost}]` : endpoint.primaryHost;
  const qr = await QRCode.toString(main, { type: 'terminal', small: true });
  const { material } = endpoint;
  const lines = [
    '',
    'Orderline is running.',
    `  Open on each tablet:   ${main}`,
    `  All HTTPS addresses:   ${allHttpsUrls(endpoint).join('  ')}`,
    material.ca
      ? `  Local CA fingerprint:  SHA-256 ${material.ca.fingerprint}`
      : '  Certificate:           TLS_CERT_FILE / TLS_KEY_FILE (no local CA)',
    `  New device? Set it up: http://${host}:${httpPort}/setup`,
    '',
    qr,
  ];
  return lines.join('\n');
}
