// Reads the certificate an HTTPS server presents, the way a device checks it: TLS to the server's port under
// the LAN name (SNI), verified against the local CA the devices trust. Fault 18's evidence that a new server
// certificate was issued from the same CA. It only observes; it never trusts a certificate the CA did not sign.
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';

export interface ServedCertificate {
  /** SHA-256 of the leaf's DER, as node formats it (AA:BB:…). */
  fingerprint256: string;
  serialNumber: string;
  validFrom: string;
  /** The subjectAltName names, as node formats them (`DNS:localhost, …`). */
  subjectAltName: string;
  /** The leaf names `caPem` as its issuer and carries its signature. */
  signedByCa: boolean;
}

export function readServedCertificate(
  port: number,
  servername: string,
  caPem: string,
): Promise<ServedCertificate> {
  return new Promise((resolve, reject) => {
    // The default verification (chain to `ca`, host name against SNI) must pass: a device would refuse otherwise.
    const socket = connect({ host: '127.0.0.1', port, servername, ca: caPem }, () => {
      const leaf = new X509Certificate(socket.getPeerCertificate().raw);
      const ca = new X509Certificate(caPem);
      socket.end();
      resolve({
        fingerprint256: leaf.fingerprint256,
        serialNumber: leaf.serialNumber,
        validFrom: leaf.validFrom,
        subjectAltName: leaf.subjectAltName ?? '',
        signedByCa: leaf.checkIssued(ca) && leaf.verify(ca.publicKey),
      });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no TLS handshake from port ${port} in 10 s`)));
    socket.once('error', (error) =>
      reject(new Error(`TLS to ${servername}:${port} failed`, { cause: error })),
    );
  });
}

/** The SHA-256 fingerprint of a CA certificate in PEM (what /setup shows and devices installed). */
export function caFingerprint(caPem: string): string {
  return new X509Certificate(caPem).fingerprint256;
}
