// Issues the HTTPS server certificate from the local CA (≤ 397 days, serverAuth, the names it serves), and
// decides at start whether the one on disk is still good: same CA, same names, and ≥ 30 days left.

import { webcrypto } from 'node:crypto';
import * as x509 from './x509.ts';
import { BACKDATE_MS, SIGNING_ALGORITHM, type LocalCa } from './local-ca.ts';
import { splitNames } from './certificate-names.ts';

const DAY_MS = 86_400_000;
/** CA/Browser Forum limit is 398 days; one less leaves room for clock differences. */
export const SERVER_VALIDITY_DAYS = 397;
export const REISSUE_BEFORE_DAYS = 30;

export interface IssuedCertificate {
  certificate: x509.X509Certificate;
  privateKey: webcrypto.CryptoKey;
}

export async function issueServerCertificate(
  ca: LocalCa,
  names: readonly string[],
  now: Date,
): Promise<IssuedCertificate> {
  const keys = (await webcrypto.subtle.generateKey(SIGNING_ALGORITHM, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const { dns, ip } = splitNames(names);
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const certificate = await x509.X509CertificateGenerator.create({
    // CN is a permitted name on purpose: some verifiers still check the CN against name constraints.
    subject: 'CN=localhost, O=Orderline',
    issuer: ca.certificate.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + SERVER_VALIDITY_DAYS * DAY_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        ...dns.map((value) => ({ type: 'dns' as const, value })),
        ...ip.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, privateKey: keys.privateKey };
}

/** The DNS names and IP addresses in a certificate's subjectAltName, lower case. */
export function certificateNames(certificate: x509.X509Certificate): string[] {
  const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
  if (san === null) return [];
  return san.names.items
    .filter((name) => name.type === 'dns' || name.type === 'ip')
    .map((name) => name.value.toLowerCase());
}

export type ReissueReason = 'other-ca' | 'names-changed' | 'expiring' | null;

/** Why the certificate on disk must be replaced, or null when it can stay. */
export async function reissueReason(
  current: x509.X509Certificate,
  ca: LocalCa,
  names: readonly string[],
  now: Date,
): Promise<ReissueReason> {
  const signedByCa =
    current.issuer === ca.certificate.subject &&
    (await current.verify({ publicKey: ca.certificate, signatureOnly: true }));
  if (!signedByCa) return 'other-ca';
  const have = new Set(certificateNames(current));
  if (have.size !== names.length || names.some((name) => !have.has(name))) return 'names-changed';
  if (current.notAfter.getTime() - now.getTime() < REISSUE_BEFORE_DAYS * DAY_MS) return 'expiring';
  return null;
}
