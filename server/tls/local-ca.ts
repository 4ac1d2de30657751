// Orderline's own certificate authority (ECDSA P-256, 10 years, name-constrained to the shop's names and
// private addresses): made once, then loaded, so a device that trusted it keeps trusting every server
// certificate it signs. Its private key lives only in <data>/tls/ca.key (0600) and is never served.

import { createHash, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from './x509.ts';
import type { MachineNames } from '../machine-names.ts';
import { isSingleLabelName } from './certificate-names.ts';
import {
  BASE_DNS_NAMES,
  PRIVATE_SUBNETS,
  hostCidr,
  isPermitted,
  nameConstraintsExtension,
  type PermittedNames,
} from './name-constraints.ts';

export const SIGNING_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const CA_VALIDITY_DAYS = 3652;
const DAY_MS = 86_400_000;
/** Certificates start an hour in the past: a tablet whose clock runs a little behind still accepts them. */
export const BACKDATE_MS = 3_600_000;

export interface LocalCa {
  certificate: x509.X509Certificate;
  privateKey: webcrypto.CryptoKey;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons (as browsers show it). */
  fingerprint: string;
}

export function sha256Fingerprint(der: ArrayBuffer | Uint8Array): string {
  const hex = createHash('sha256').update(new Uint8Array(der)).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/**
 * What a new CA permits: localhost, `.local`, the private ranges, and the machine's host name, its public
 * addresses and ORDERLINE_TLS_NAMES as they are when the CA is made (names added later may fall outside).
 * Never a single-label name: `com` or a host named `coffee` would make the CA valid for a whole public suffix.
 */
export function permittedNamesFor(machine: MachineNames, extraNames: readonly string[]): PermittedNames {
  const permitted: PermittedNames = { dns: [...BASE_DNS_NAMES], ip: [...PRIVATE_SUBNETS] };
  for (const name of [machine.hostName, ...machine.addresses, ...extraNames]) {
    if (name === '' || isSingleLabelName(name) || isPermitted(name, permitted)) continue;
    if (isIP(name) === 0) permitted.dns.push(name);
    else permitted.ip.push(hostCidr(name));
  }
  return permitted;
}

export async function createLocalCa(permitted: PermittedNames, now: Date): Promise<LocalCa> {
  const keys = (await webcrypto.subtle.generateKey(SIGNING_ALGORITHM, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Orderline local CA, O=Orderline',
    notBefore,
    notAfter: new Date(notBefore.getTime() + CA_VALIDITY_DAYS * DAY_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      // pathLen 0: this CA signs server certificates only, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraintsExtension(permitted),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, privateKey: keys.privateKey, fingerprint: sha256Fingerprint(certificate.rawData) };
}

export async function exportPrivateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

export async function importPrivateKeyPem(pem: string): Promise<webcrypto.CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, SIGNING_ALGORITHM, false, ['sign']);
}

export async function loadLocalCa(certificatePem: string, keyPem: string): Promise<LocalCa> {
  const certificate = new x509.X509Certificate(certificatePem);
  const privateKey = await importPrivateKeyPem(keyPem);
  return { certificate, privateKey, fingerprint: sha256Fingerprint(certificate.rawData) };
}
