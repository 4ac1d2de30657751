// Where devices reach Orderline over HTTPS: the certificate in use, the port, and the main address. Gives
// the setup page, the start-up log and `GET /api/setup` their `{ httpsUrl, caFingerprint }`.

import { isIP } from 'node:net';
import type { MachineNames } from '../machine-names.ts';
import type { TlsMaterial } from './tls-material.ts';

export interface HttpsEndpoint {
  material: TlsMaterial;
  /** The host name or address printed and put in the QR code when the request names no better one. */
  primaryHost: string;
  /** The HTTPS listener's port (known only once it listens: HTTPS_PORT=0 picks a free one). */
  port: () => number;
}

/** What GET /api/setup reports (the auth-server branch adds that route). */
export interface SetupInfo {
  httpsUrl: string;
  /** SHA-256 of the local CA certificate; null when TLS_CERT_FILE/TLS_KEY_FILE are served instead. */
  caFingerprint: string | null;
}

/** The setup info for a request that came in for `requestHostname` (the Host header without its port). */
export type SetupInfoProvider = (requestHostname?: string) => SetupInfo;

/**
 * The address most likely to work from a tablet: a name the operator configured (ORDERLINE_TLS_NAMES), then
 * the machine's first IPv4 LAN address (Android resolves no `.local` names), then `<hostname>.local`.
 */
export function primaryHttpsHost(
  machine: MachineNames,
  extraNames: readonly string[],
  certificateNames: readonly string[],
): string {
  const candidates = [
    ...extraNames,
    ...machine.addresses.filter((address) => isIP(address) === 4),
    machine.localName,
    ...machine.addresses,
  ];
  return (
    candidates.find((name): name is string => name !== null && certificateNames.includes(name)) ?? 'localhost'
  );
}

export function httpsUrlFor(host: string, port: number): string {
  const authority = isIP(host) === 6 ? `[${host}]` : host;
  return port === 443 ? `https://${authority}` : `https://${authority}:${port}`;
}

/** The request's own host when the certificate covers it (so the link keeps the name the person typed). */
export function httpsUrl(endpoint: HttpsEndpoint, requestHostname?: string): string {
  const requested = requestHostname?.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const host =
    requested !== undefined && endpoint.material.names.includes(requested) ? requested : endpoint.primaryHost;
  return httpsUrlFor(host, endpoint.port());
}

export function setupInfoProvider(endpoint: HttpsEndpoint): SetupInfoProvider {
  return (requestHostname) => ({
    httpsUrl: httpsUrl(endpoint, requestHostname),
    caFingerprint: endpoint.material.ca?.fingerprint ?? null,
  });
}

/** Every HTTPS address of the certificate, for the start-up log. */
export function allHttpsUrls(endpoint: HttpsEndpoint): string[] {
  return endpoint.material.names.map((name) => httpsUrlFor(name, endpoint.port()));
}
