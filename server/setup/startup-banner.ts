// The start-up banner for the person at the server: one short human block printed before any log line — what
// to open first (the one-time owner link, on `localhost`), how a tablet gets set up, and a terminal QR code of
// the setup page. Plain text, not a log line; the logs below it are warnings only unless LOG_LEVEL says more.

import QRCode from 'qrcode';
import { allHttpsUrls, httpsUrl, type HttpsEndpoint } from '../tls/https-endpoint.ts';

export interface OwnerLink {
  /** The one-time owner pairing address on this machine (`http://localhost:…/pair?code=…`). */
  localPairUrl: string;
  expiresAt: string;
}

export interface BannerInput {
  /** HTTPS as served (null without it: then the tablets use the plain address and there is no CA to trust). */
  endpoint: HttpsEndpoint | null;
  /** The plain-HTTP port (the setup page is there, for devices that do not trust the CA yet). */
  httpPort: number;
  /** Set on a first start (no owner device, no admin token). */
  owner: OwnerLink | null;
  /** The logger's level, to say what the lines after the banner are. */
  logLevel: string;
  /** The clock time the owner link expires, in the server's zone (tests pass a fixed formatter). */
  formatTime?: (iso: string) => string;
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export async function startupBanner({
  endpoint,
  httpPort,
  owner,
  logLevel,
  formatTime = clockTime,
}: BannerInput): Promise<string> {
  const lanHost = endpoint ? bracketed(endpoint.primaryHost) : 'localhost';
  const setupUrl = `http://${lanHost}:${httpPort}/setup`;
  const lines = ['', 'Orderline is running.', ''];
  let step = 1;
  if (owner) {
    lines.push(
      `  ${step++}. Make this computer's browser the owner's device (one time, before ${formatTime(owner.expiresAt)}):`,
      `       ${owner.localPairUrl}`,
      '     Open it in a browser on this computer, give the device a name and press "Pair this device".',
      '',
    );
  }
  lines.push(
    `  ${step++}. Set up each tablet: on the tablet, open the setup page (or scan the QR code below):`,
  );
  lines.push(`       ${setupUrl}`);
  if (endpoint) {
    const main = httpsUrl(endpoint);
    lines.push(
      "     It installs the shop's certificate; after that the tablet opens Orderline at",
      `       ${main}`,
      '     (before the certificate is trusted, that HTTPS address shows a browser warning: use the setup page first).',
    );
  }
  lines.push(
    `  ${step++}. Pair each tablet: on the owner's device open Devices, "Create pairing code", scan it on the tablet.`,
    '',
  );
  if (endpoint) {
    const ca = endpoint.material.ca;
    lines.push(
      `  All HTTPS addresses:   ${allHttpsUrls(endpoint).join('  ')}`,
      ca
        ? `  Local CA fingerprint:  SHA-256 ${ca.fingerprint}`
        : '  Certificate:           TLS_CERT_FILE / TLS_KEY_FILE (no local CA)',
    );
  }
  lines.push(
    isQuiet(logLevel)
      ? `  Log: warnings and errors only below (LOG_LEVEL=info logs every request).`
      : `  Log: level ${logLevel} below.`,
    '',
    // The QR opens the setup page, which works before the certificate is trusted (the HTTPS address would not).
    `  QR code of the setup page (${setupUrl}):`,
    await QRCode.toString(setupUrl, { type: 'terminal', small: true }),
  );
  return lines.join('\n');
}

function isQuiet(level: string): boolean {
  return level === 'warn' || level === 'error' || level === 'fatal' || level === 'silent';
}
